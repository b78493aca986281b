package io.quiver.executor.source.parquet;

import io.quiver.executor.ExecContext;
import io.quiver.executor.source.ScanSpec;
import io.quiver.executor.source.SourceTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

class DumpTest {
  @Test
  void dump() throws Exception {
    Path dir = SourceTestSupport.sharedData().resolve(System.getProperty("dumpDir", "parquet-testing"));
    try (Stream<Path> files = Files.list(dir); RootAllocator a = new RootAllocator()) {
      for (Path f : files.filter(p -> p.toString().endsWith(".parquet")).sorted().toList()) {
        ExecContext ctx = SourceTestSupport.context(a, 3);
        try {
          ParquetSource src = new ParquetSource(Map.of("path", f.toString()));
          List<List<Object>> rows = SourceTestSupport.readAll(src, ScanSpec.all(src.schema()), ctx);
          System.out.println("== " + f.getFileName() + " " + src.schema());
          rows.stream().limit(10).forEach(r -> System.out.println("   " + r));
          System.out.println("   rows=" + rows.size());
        } catch (Throwable t) {
          System.out.println("== " + f.getFileName() + " FAILED " + t);
          t.printStackTrace(System.out);
        }
      }
    }
  }
}
