package io.quiver.server;

import io.quiver.executor.QuiverException;
import io.quiver.executor.udf.UdfClasses;
import io.quiver.executor.udf.UdfSpec;
import io.quiver.executor.udf.UdfTypes;
import io.quiver.sql.functions.UserFunctionDef;
import io.quiver.sql.statement.Statement;
import io.quiver.udf.QuiverFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CREATE FUNCTION, LOAD JAR, DROP FUNCTION and SHOW FUNCTIONS. Everything that can be checked without
 * running the function is checked here (jar, class, interface, constructor, options, declared return
 * type), so mistakes fail at CREATE time rather than in the middle of a query.
 */
final class FunctionDdl {
  private FunctionDdl() {}

  static StatementResult create(Session s, Statement.CreateFunction c) {
    String name = c.name();
    if (s.compiler().isBuiltinFunction(name)) {
      throw new QuiverException("Cannot create function " + name + ": a built-in function has that name; "
          + "choose another name.");
    }
    if (s.catalog().functions().get(name) != null && !c.orReplace()) {
      throw new QuiverException("Function " + name + " already exists; use CREATE OR REPLACE FUNCTION to replace it.");
    }
    String jar = c.jar() == null ? null : UdfClasses.resolveJar(c.jar(), s.settings().snapshot());
    UdfSpec spec = UdfClasses.define(name, c.className(), jar, c.options());
    s.catalog().functions().put(definition(spec, c.options(), c.jar()));
    return StatementResult.message("Created function " + name + ".");
  }

  static StatementResult loadJar(Session s, Statement.LoadJar l) {
    String jar = UdfClasses.resolveJar(l.jar(), s.settings().snapshot());
    List<String> names = new ArrayList<>();
    for (UdfClasses.Declared d : UdfClasses.declaredIn(jar)) {
      if (s.compiler().isBuiltinFunction(d.name())) {
        throw new QuiverException("Jar " + l.jar() + " declares function " + d.name() + " (" + d.className()
            + "), but a built-in function has that name.");
      }
      UdfSpec spec = UdfClasses.define(d.name(), d.className(), jar, Map.of());
      s.catalog().functions().put(definition(spec, Map.of(), l.jar()));
      names.add(d.name());
    }
    return StatementResult.message("Loaded " + names.size() + " function" + (names.size() == 1 ? "" : "s")
        + " from " + l.jar() + ": " + String.join(", ", names) + ".");
  }

  static StatementResult drop(Session s, Statement.DropFunction d) {
    if (!s.catalog().functions().remove(d.name()) && !d.ifExists()) {
      throw new QuiverException("Function '" + d.name() + "' does not exist.");
    }
    return StatementResult.message("Dropped function " + d.name() + ".");
  }

  static StatementResult show(Session s) {
    List<String[]> rows = new ArrayList<>();
    for (UserFunctionDef f : s.catalog().functions().list()) {
      rows.add(new String[] {f.name(), f.aggregate() ? "aggregate" : "batch", f.className(),
          f.jarSource() == null ? "" : f.jarSource(), f.returnTypeDisplay(), f.hintsDisplay()});
    }
    return s.rows(List.of("name", "kind", "class", "jar", "return_type", "hints"), rows);
  }

  /** The SQL-side definition of a checked spec; {@code with} and {@code jarSource} as the user wrote them. */
  private static UserFunctionDef definition(UdfSpec spec, Map<String, String> with, String jarSource) {
    QuiverFunction declared = UdfClasses.load(spec.className(), spec.jar(), spec.name())
        .getAnnotation(QuiverFunction.class);
    String returnType;
    if (declared != null && !declared.returnType().isBlank()) {
      UdfTypes.parse(declared.returnType(), spec.name(), spec.name()); // a bad declared type fails now
      returnType = declared.returnType();
    } else {
      returnType = "(computed from the arguments)";
    }
    String hints = spec.hints().describe();
    if (!spec.options().isEmpty()) {
      hints += " options(" + spec.options().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining(", ")) + ")";
    }
    return new UserFunctionDef(spec.name(), spec.className(), spec.jar(),
        spec.kind() == UdfSpec.Kind.AGGREGATE, with,
        args -> UdfClasses.returnField(spec, args, spec.name()), returnType, hints, jarSource);
  }

}
