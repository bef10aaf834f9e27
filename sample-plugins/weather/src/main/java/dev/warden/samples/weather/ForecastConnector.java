package dev.warden.samples.weather;

import dev.warden.api.Connector;
import dev.warden.api.Json;
import dev.warden.api.PluginContext;
import dev.warden.api.ToolCall;
import dev.warden.api.ToolException;
import dev.warden.api.ToolResult;
import dev.warden.api.capability.CapabilityException;
import dev.warden.api.capability.Http;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The National Weather Service answers in two steps: {@code /points/LAT,LON} names the forecast
 * office's grid, whose {@code forecast} URL holds the periods.
 */
final class ForecastConnector implements Connector {

    static final String API = "https://api.weather.gov";
    private static final String USER_AGENT = "warden-sample-weather/1.0";
    private static final Pattern FORECAST_URL = Pattern.compile("\"forecast\"\\s*:\\s*\"(https://api\\.weather\\.gov/[^\"]+)\"");

    @Override
    public Set<String> tools() {
        return Set.of("forecast");
    }

    @Override
    public ToolResult call(ToolCall call, PluginContext context) throws ToolException {
        Optional<Double> lat = number(call.input(), "lat");
        Optional<Double> lon = number(call.input(), "lon");
        if (lat.isEmpty() || lon.isEmpty()) {
            return ToolResult.error("forecast needs numbers \"lat\" and \"lon\"");
        }
        try {
            String point = String.format(Locale.ROOT, "%s/points/%.4f,%.4f", API, lat.get(), lon.get());
            Http.Response grid = get(context, point);
            if (grid.status() == 404) {
                return ToolResult.error("the National Weather Service has no forecast for that place (US locations only)");
            }
            if (grid.status() != 200) {
                return ToolResult.error("the National Weather Service answered " + grid.status() + " for " + point);
            }
            Matcher forecastUrl = FORECAST_URL.matcher(grid.bodyText());
            if (!forecastUrl.find()) {
                return ToolResult.error("the National Weather Service gave no forecast link for that place");
            }
            Http.Response forecast = get(context, forecastUrl.group(1));
            if (forecast.status() != 200) {
                return ToolResult.error("the National Weather Service answered " + forecast.status() + " for the forecast");
            }
            return ToolResult.json(forecast.bodyText());
        } catch (CapabilityException e) {
            throw new ToolException("could not reach the National Weather Service: " + e.getMessage(), e);
        }
    }

    private static Http.Response get(PluginContext context, String url) throws CapabilityException {
        return context.http().send(Http.Request.get(url)
                .withHeader("User-Agent", USER_AGENT)
                .withHeader("Accept", "application/geo+json"));
    }

    /** The number under {@code key} in the input, or empty if there is none there. */
    private static Optional<Double> number(Json input, String key) {
        return input.get(key).filter(Json.Number.class::isInstance).map(Json::asDouble);
    }
}
