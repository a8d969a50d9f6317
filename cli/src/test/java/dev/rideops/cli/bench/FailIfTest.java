package dev.rideops.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** bench compare's regression gates: how they are written, and how B is judged against A. */
class FailIfTest {

    private static JsonNode result(double achieved, double p99) throws Exception {
        return new ObjectMapper()
                .readTree("{\"achieved_eps\":" + achieved + ",\"latency_ms\":{\"snapshot\":{\"p50\":400,\"p99\":" + p99
                        + "}}}");
    }

    @Test
    void aGateIsAMetricAndAPercentWithTheSignOptional() {
        assertThat(FailIf.parse("p99=+10%")).isEqualTo(new FailIf(FailIf.Metric.P99, 10));
        assertThat(FailIf.parse("p50=5%")).isEqualTo(new FailIf(FailIf.Metric.P50, 5));
        assertThat(FailIf.parse("achieved_eps=-2.5%")).isEqualTo(new FailIf(FailIf.Metric.ACHIEVED_EPS, 2.5));
    }

    @Test
    void aBadGateSaysWhatWouldDo() {
        assertThatThrownBy(() -> FailIf.parse("p99>10%"))
                .hasMessage("'p99>10%' is not METRIC=+N% (e.g. p99=+10%, " + "achieved_eps=-2%)");
        assertThatThrownBy(() -> FailIf.parse("p99=+10")).hasMessageContaining("is not METRIC=+N%");
        assertThatThrownBy(() -> FailIf.parse("latency=+10%"))
                .hasMessageStartingWith("unknown metric 'latency'; known: p50, p95, p99, p999, ");
        assertThatThrownBy(() -> FailIf.parse("achieved_eps=+5%"))
                .hasMessage("achieved_eps gets worse as it falls; write achieved_eps=-5%");
        assertThatThrownBy(() -> FailIf.parse("p99=-10%")).hasMessage("p99 gets worse as it rises; write p99=+10%");
    }

    @Test
    void aLatencyThatRoseBeyondTheLimitRegressed() throws Exception {
        FailIf gate = FailIf.parse("p99=+10%");

        FailIf.Verdict worse = gate.judge(result(5000, 860), result(5000, 990));
        FailIf.Verdict slightly = gate.judge(result(5000, 860), result(5000, 940));
        FailIf.Verdict better = gate.judge(result(5000, 860), result(5000, 500));

        assertThat(worse.outcome()).isEqualTo(FailIf.Outcome.REGRESSED);
        assertThat(worse.text()).isEqualTo("p99 860 -> 990 (+15.1 %, limit +10 %)");
        assertThat(slightly.outcome()).isEqualTo(FailIf.Outcome.WITHIN);
        assertThat(better.outcome()).isEqualTo(FailIf.Outcome.WITHIN);
    }

    @Test
    void aRateThatFellBeyondTheLimitRegressedButARiseNever() throws Exception {
        FailIf gate = FailIf.parse("achieved_eps=-2%");

        FailIf.Verdict fell = gate.judge(result(5000, 800), result(4850.5, 800));

        assertThat(fell.outcome()).isEqualTo(FailIf.Outcome.REGRESSED);
        assertThat(fell.text()).isEqualTo("achieved_eps 5000 -> 4850.5 (-3.0 %, limit -2 %)");
        assertThat(gate.judge(result(5000, 800), result(6000, 800)).outcome()).isEqualTo(FailIf.Outcome.WITHIN);
    }

    @Test
    void aFigureMissingFromEitherRunIsNotJudged() throws Exception {
        FailIf.Verdict v = FailIf.parse("p95=+10%").judge(result(5000, 800), result(5000, 900));

        assertThat(v.outcome()).isEqualTo(FailIf.Outcome.NOT_JUDGED);
        assertThat(v.text()).isEqualTo("p95 is not in A, so it is not judged");
    }
}
