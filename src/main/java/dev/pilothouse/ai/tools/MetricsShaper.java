package dev.pilothouse.ai.tools;

import dev.pilothouse.resource.ResourceQueries.Metrics;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** {@code kubectl top}: CPU in millicores and memory in MiB, the busiest first. */
final class MetricsShaper {

    private MetricsShaper() {}

    private record Usage(String namespace, String name, long milliCpu, long mib) {}

    static Shaped shape(Metrics metrics, String namespace, Budget budget) {
        boolean pods = "pods".equals(metrics.scope());
        List<Usage> rows = new ArrayList<>();
        for (Map<String, Object> item : metrics.items()) {
            long cpu = 0;
            long mem = 0;
            List<?> parts = pods ? Maps.list(item, "containers") : List.of(item);
            for (Object part : parts) {
                cpu += milli(Maps.str(part, "usage", "cpu"));
                mem += mib(Maps.str(part, "usage", "memory"));
            }
            rows.add(new Usage(Maps.str(item, "metadata", "namespace"), Maps.str(item, "metadata", "name"), cpu, mem));
        }
        rows.sort(Comparator.comparingLong(Usage::milliCpu).reversed().thenComparing(Usage::name));
        long cpuTotal = rows.stream().mapToLong(Usage::milliCpu).sum();
        long memTotal = rows.stream().mapToLong(Usage::mib).sum();
        StringBuilder out = new StringBuilder();
        budget.force(
                out,
                rows.size() + " " + metrics.scope() + (namespace == null ? "" : " in namespace " + namespace)
                        + ": total CPU " + cpuTotal + "m, memory " + memTotal + "Mi (busiest first).");
        budget.force(out, (pods && namespace == null ? "NAMESPACE\t" : "") + "NAME\tCPU(cores)\tMEMORY(bytes)");
        budget.reserve(40);
        int shown = 0;
        for (Usage u : rows) {
            String line = (pods && namespace == null ? u.namespace() + "\t" : "") + u.name() + "\t" + u.milliCpu()
                    + "m\t" + u.mib() + "Mi";
            if (!budget.add(out, line)) break;
            shown++;
        }
        budget.release(40);
        if (shown < rows.size()) {
            budget.force(
                    out,
                    "Not shown: the " + (rows.size() - shown) + " least busy " + metrics.scope() + " (output budget "
                            + budget.limit() + " tokens); narrow with namespace.");
        }
        return new Shaped(
                out.toString(),
                rows.size() + " " + metrics.scope() + ", CPU " + cpuTotal + "m, memory " + memTotal + "Mi");
    }

    static long milli(String quantity) {
        if (quantity == null) return 0;
        try {
            return Quantity.getAmountInBytes(new Quantity(quantity))
                    .multiply(BigDecimal.valueOf(1000))
                    .longValue();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    static long mib(String quantity) {
        if (quantity == null) return 0;
        try {
            return Quantity.getAmountInBytes(new Quantity(quantity)).longValue() / (1024 * 1024);
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
