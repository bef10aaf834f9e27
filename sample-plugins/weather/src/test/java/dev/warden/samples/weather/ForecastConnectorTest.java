package dev.warden.samples.weather;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.Json;
import dev.warden.api.PluginContext;
import dev.warden.api.ToolCall;
import dev.warden.api.ToolResult;
import dev.warden.api.capability.Http;
import dev.warden.samples.testing.GrantedContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForecastConnectorTest {

    /** Answers like api.weather.gov and records what was asked. */
    static final class FakeWeatherService implements Http {
        final List<Http.Request> requests = new ArrayList<>();
        final Map<String, Http.Response> answers;

        FakeWeatherService(Map<String, Http.Response> answers) {
            this.answers = answers;
        }

        @Override
        public Http.Response send(Http.Request request) {
            requests.add(request);
            return answers.getOrDefault(request.url(), response(404, "{}"));
        }
    }

    static Http.Response response(int status, String body) {
        return new Http.Response(status, Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    /** A context with what the weather plugin is granted: the network, and nothing else. */
    static PluginContext contextWith(Http http) {
        return GrantedContext.forSample("weather").grantingHttp(http);
    }

    @Test
    void followsThePointsLinkToTheForecastAndReturnsItAsJson() throws Exception {
        String forecastUrl = "https://api.weather.gov/gridpoints/TOP/31,80/forecast";
        FakeWeatherService service = new FakeWeatherService(Map.of(
                "https://api.weather.gov/points/39.7456,-97.0892",
                response(200, "{\"properties\": {\"forecast\": \"" + forecastUrl + "\"}}"),
                forecastUrl, response(200, "{\"properties\": {\"periods\": [{\"name\": \"Tonight\"}]}}")));

        ToolResult result = new ForecastConnector().call(new ToolCall("forecast", Json.parse("{\"lat\": 39.7456, \"lon\": -97.0892}")),
                contextWith(service));

        assertThat(result.isError()).isFalse();
        assertThat(result.format()).isEqualTo(ToolResult.Format.JSON);
        assertThat(result.content()).contains("Tonight");
        assertThat(service.requests).extracting(Http.Request::url)
                .containsExactly("https://api.weather.gov/points/39.7456,-97.0892", forecastUrl);
        assertThat(service.requests.get(0).headers()).containsKey("User-Agent");
    }

    @Test
    void saysSoForAPlaceOutsideTheUnitedStates() throws Exception {
        ToolResult result = new ForecastConnector().call(new ToolCall("forecast", Json.parse("{\"lat\": 48.85, \"lon\": 2.35}")),
                contextWith(new FakeWeatherService(Map.of())));

        assertThat(result.isError()).isTrue();
        assertThat(result.content()).contains("US locations only");
    }

    @Test
    void neverFollowsAForecastLinkToAnotherHost() throws Exception {
        FakeWeatherService service = new FakeWeatherService(Map.of("https://api.weather.gov/points/39.7456,-97.0892",
                response(200, "{\"properties\": {\"forecast\": \"https://evil.example/steal\"}}")));

        ToolResult result = new ForecastConnector().call(new ToolCall("forecast", Json.parse("{\"lat\": 39.7456, \"lon\": -97.0892}")),
                contextWith(service));

        assertThat(result.isError()).isTrue();
        assertThat(service.requests).hasSize(1);
    }

    @Test
    void refusesInputWithoutCoordinates() throws Exception {
        ToolResult result = new ForecastConnector().call(new ToolCall("forecast", Json.parse("{\"city\": \"Topeka\"}")),
                contextWith(new FakeWeatherService(Map.of())));

        assertThat(result.isError()).isTrue();
    }
}
