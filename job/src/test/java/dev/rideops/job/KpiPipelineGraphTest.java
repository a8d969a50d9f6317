package dev.rideops.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamEdge;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.streaming.runtime.partitioner.ForwardPartitioner;
import org.apache.flink.streaming.runtime.partitioner.KeyGroupStreamPartitioner;
import org.junit.jupiter.api.Test;

/**
 * The job's graph at parallelism 2, as Flink would run it: what makes it exact at any parallelism is how rows reach
 * the sinks (each table row from one subtask only) and that rescales keep the keyed state.
 */
class KpiPipelineGraphTest {

    private static StreamGraph graphAtParallelismTwo() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        RideopsJob.pipeline(JobSettings.from(new String[0])).build(env);
        return env.getStreamGraph();
    }

    private static List<StreamEdge> inputsOf(StreamGraph graph, String sinkName) {
        List<StreamNode> nodes = graph.getStreamNodes().stream()
                .filter(n -> n.getOperatorName().startsWith(sinkName))
                .toList();
        assertThat(nodes).as(sinkName).hasSize(1);
        return nodes.get(0).getInEdges();
    }

    @Test
    void everyKpisRowInTheSnapshotTableHasOneWriter() {
        // A KPI's latest value comes from each minute's bucket subtask: keyed by metric on the way in, so two sink
        // subtasks never upsert one row (their batches would lock shared rows in any order and deadlock).
        List<StreamEdge> in = inputsOf(graphAtParallelismTwo(), "mart-latest-metric-snapshot");
        assertThat(in)
                .as("the current-state counts and the bucket KPIs' latest values")
                .hasSize(2)
                .allSatisfy(e -> assertThat(e.getPartitioner()).isInstanceOf(KeyGroupStreamPartitioner.class));
    }

    @Test
    void theOtherSinksTakeTheirRowsFromTheKeyedSubtaskThatOwnsThem() {
        // Forward from the operator keyed by what the row's key is made of: a row is written by one subtask, in the
        // order its key's operator emitted it (a rebalance here would let two subtasks race on one row or driver).
        StreamGraph graph = graphAtParallelismTwo();
        for (String sink : List.of(
                "mart-fact-metric-bucket",
                "mart-cell-supply-demand",
                "mart-snapshot-metric-minute",
                "search-driver-locations")) {
            assertThat(inputsOf(graph, sink))
                    .as(sink)
                    .singleElement()
                    .satisfies(e -> assertThat(e.getPartitioner()).isInstanceOf(ForwardPartitioner.class));
        }
    }

    @Test
    void aRescaleKeepsEveryOperatorsStateInItsKeyGroups() {
        StreamGraph graph = graphAtParallelismTwo();
        assertThat(graph.getStreamNodes())
                .allSatisfy(
                        n -> // savepoint state is matched to operators by uid
                        assertThat(n.getTransformationUID())
                                .as(n.getOperatorName())
                                .isNotBlank());
        // key groups fixed, not Flink's default, which depends on the parallelism of the first deploy
        assertThat(graph.getJobGraph().getVertices())
                .allSatisfy(
                        v -> assertThat(v.getMaxParallelism()).as(v.getName()).isEqualTo(KpiPipeline.MAX_PARALLELISM));
        // and nothing is pinned to one task: every operator runs at the job's parallelism
        assertThat(graph.getStreamNodes())
                .allSatisfy(n ->
                        assertThat(n.getParallelism()).as(n.getOperatorName()).isEqualTo(2));
    }

    @Test
    void chainedOperatorsHandRecordsOnWithoutCopies() {
        // issue #16: no per-record deep copy on chained edges (KpiPipeline.build says why that is safe)
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        RideopsJob.pipeline(JobSettings.from(new String[0])).build(env);
        assertThat(env.getConfig().isObjectReuseEnabled()).isTrue();
    }

    @Test
    void noRecordBetweenOperatorsGoesThroughKryo() {
        // Kryo is the slow fallback for a type Flink cannot analyse, field by field too. With generic types refused,
        // making the graph's serializers fails on the first record type (or POJO field) that would need it. Only the
        // job's records: the bucket state of old savepoints is Kryo on purpose (KryoBucketLayout), at run time.
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.getConfig().disableGenericTypes();
        RideopsJob.pipeline(JobSettings.from(new String[0])).build(env);
        assertThatCode(env::getStreamGraph).doesNotThrowAnyException();
    }
}
