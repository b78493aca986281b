package io.quiver.executor.plan.codec;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Deep equality of plans: records component by component, arrays by content (records compare arrays by reference). */
final class PlanEquality {
  private PlanEquality() {}

  /** Null when equal, else the path to the first difference. */
  static String difference(Object a, Object b, String path) {
    if (a == null || b == null) {
      return a == b ? null : path + ": " + a + " vs " + b;
    }
    if (a.getClass() != b.getClass() && !(a instanceof List && b instanceof List)
        && !(a instanceof Map && b instanceof Map) && !(a instanceof Set && b instanceof Set)) {
      return path + ": class " + a.getClass().getName() + " vs " + b.getClass().getName();
    }
    if (a.getClass().isArray()) {
      int n = Array.getLength(a);
      if (n != Array.getLength(b)) {
        return path + ": array length " + n + " vs " + Array.getLength(b);
      }
      for (int i = 0; i < n; i++) {
        String d = difference(Array.get(a, i), Array.get(b, i), path + "[" + i + "]");
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    if (a instanceof Record) {
      for (RecordComponent c : a.getClass().getRecordComponents()) {
        try {
          String d = difference(c.getAccessor().invoke(a), c.getAccessor().invoke(b), path + "." + c.getName());
          if (d != null) {
            return d;
          }
        } catch (ReflectiveOperationException e) {
          throw new AssertionError(e);
        }
      }
      return null;
    }
    if (a instanceof List<?> la) {
      List<?> lb = (List<?>) b;
      if (la.size() != lb.size()) {
        return path + ": size " + la.size() + " vs " + lb.size();
      }
      Iterator<?> ib = lb.iterator();
      int i = 0;
      for (Object x : la) {
        String d = difference(x, ib.next(), path + "[" + i++ + "]");
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    if (a instanceof Map<?, ?> ma) {
      Map<?, ?> mb = (Map<?, ?>) b;
      if (!ma.keySet().equals(mb.keySet())) {
        return path + ": keys " + ma.keySet() + " vs " + mb.keySet();
      }
      for (Map.Entry<?, ?> e : ma.entrySet()) {
        String d = difference(e.getValue(), mb.get(e.getKey()), path + "{" + e.getKey() + "}");
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    return Objects.equals(a, b) ? null : path + ": " + a + " vs " + b;
  }
}
