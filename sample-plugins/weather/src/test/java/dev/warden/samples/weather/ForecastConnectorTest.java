package dev.warden.samples.weather;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.Json;
import dev.warden.api.PluginContext;
import dev.warden.api.PluginInfo;
import dev.warden.api.ToolCall;
import dev.warden.api.ToolResult;
import dev.warden.api.capability.DataShare;
import dev.warden.api.capability.Env;
import dev.warden.api.capability.Exec;
import dev.warden.api.capability.Files;
import dev.warden.api.capability.Http;
import dev.warden.api.capability.Notifier;
import dev.warden.api.capability.Scheduler;
import dev.warden.api.capability.Secrets;
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

    static PluginContext contextWith(Http http) {
        return new PluginContext() {
            @Override public PluginInfo plugin() {
                return new PluginInfo("warden-samples/weather", "1.0.0");
            }
            @Override public Http http() { return http; }
            @Override public Files files() { throw new AssertionError("the weather plugin uses no files"); }
            @Override public Secrets secrets() { throw new AssertionError("no secrets"); }
            @Override public Exec exec() { throw new AssertionError("no programs"); }
            @Override public Env env() { throw new AssertionError("no environment"); }
            @Override public Scheduler scheduler() { throw new AssertionError("no schedules"); }
            @Override public Notifier notifier() { throw new AssertionError("no notifications"); }
            @Override public DataShare dataShare() { throw new AssertionError("no sharing"); }
        };
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
