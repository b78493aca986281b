package io.quiver.sql.functions;

import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * A Java UDF registered in a session, as SQL sees it: its class and jar (an absolute path, or null for
 * the engine's class path), the {@code WITH (...)} options as written, and how to type a call. The
 * display strings are for SHOW FUNCTIONS.
 *
 * @param jar the local jar the engine loads (its private copy of the user's jar), or null
 * @param jarSource the jar as the user named it (a path or an {@code s3://} URI), for SHOW FUNCTIONS
 * @param returnType the result field of a call with the given argument fields (tensor shapes, if the
 *     arguments carry them)
 */
public record UserFunctionDef(String name, String className, String jar, boolean aggregate,
    Map<String, String> with, ReturnType returnType, String returnTypeDisplay, String hintsDisplay,
    String jarSource) {

  /** Computes a call's result field from its argument fields. */
  @FunctionalInterface
  public interface ReturnType {
    Field of(List<Field> arguments);
  }

  public UserFunctionDef {
    with = Map.copyOf(with);
  }

  /** A function whose jar is shown as the path the engine loads. */
  public UserFunctionDef(String name, String className, String jar, boolean aggregate, Map<String, String> with,
      ReturnType returnType, String returnTypeDisplay, String hintsDisplay) {
    this(name, className, jar, aggregate, with, returnType, returnTypeDisplay, hintsDisplay, jar);
  }
}
