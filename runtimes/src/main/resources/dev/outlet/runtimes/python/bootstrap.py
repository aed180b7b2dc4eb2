# Outlet's Python runtime: the entry point Outlet execs (python3.X /var/runtime/bootstrap.py).
# It only starts the loop, so that nothing of the runtime lives in __main__'s namespace.
import outlet_runtime

outlet_runtime.main()
