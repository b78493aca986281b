/** The {@code quiver} command line: the interactive shell, {@code -c}/{@code -f}, and result rendering. */
package io.quiver.shell;
