/**
 * Managed runtimes (Python, Node.js, Java): which interpreter of this host serves a runtime id
 * ({@link RuntimeCatalog}, pure), what the host has ({@link HostInterpreters}, probed once), the
 * runtime loops Outlet ships and shows at {@code /var/runtime} ({@link RuntimeFiles}), and the
 * command a sandbox runs ({@link LaunchPlans}, pure). {@link ManagedRuntimes} puts them together
 * behind core's {@code RuntimePlanner}. Imports core only: sandboxes, HTTP and storage are others'.
 */
package dev.outlet.runtimes;
