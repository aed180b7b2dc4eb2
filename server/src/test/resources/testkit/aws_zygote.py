# Runs /usr/bin/aws for the tests without paying Python's start-up on every call.
#
# The parent imports the CLI's modules once (what /usr/bin/aws imports, and the modules a command
# imports on its first use), then listens on a Unix socket. Each connection is one call: the parent
# forks, and the child reads the call (one JSON line: argv, env, cwd, out, err), takes those as its
# environment, directory, standard output and error (standard input is /dev/null), and runs the
# file /usr/bin/aws itself as __main__, exactly as the kernel would have. The child answers its pid
# at once (so the caller can kill it on a timeout) and its exit status at the end.
#
# The parent ends when its standard input closes (the JVM that started it went away).
import json
import os
import runpy
import selectors
import signal
import socket
import sys

AWS = "/usr/bin/aws"

before = dict(os.environ)
import awscli  # noqa: E402
import awscli.clidriver  # noqa: E402  what /usr/bin/aws imports
import awscli.formatter  # noqa: E402,F401
import botocore.endpoint  # noqa: E402,F401
import botocore.httpsession  # noqa: E402,F401
import botocore.parsers  # noqa: E402,F401
import botocore.retries.standard  # noqa: E402,F401
import botocore.serialize  # noqa: E402,F401

# Imports every command's module (the driver's own state is not kept: each call builds its own).
awscli.clidriver.create_clidriver()._get_command_table()

# What importing the CLI did to the environment, done again to each call's: awscli appends its data
# folder to AWS_DATA_PATH. Anything else it changed could not be redone faithfully: refuse to run.
changed = {k for k in set(before) | set(os.environ) if before.get(k) != os.environ.get(k)}
if changed - {"AWS_DATA_PATH"}:
    sys.exit("importing the AWS CLI changed the environment beyond AWS_DATA_PATH: %s" % changed)
CLI_DATA = os.path.join(os.path.dirname(os.path.abspath(awscli.__file__)), "data")


def data_path(env):
    paths = []
    if "AWS_DATA_PATH" in env:
        for path in env["AWS_DATA_PATH"].split(os.pathsep):
            paths.append(os.path.expanduser(os.path.expandvars(path)))
    paths.append(CLI_DATA)
    return os.pathsep.join(paths)


def child(conn):
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    reader = conn.makefile("rb")
    call = json.loads(reader.readline())
    conn.sendall(b"%d\n" % os.getpid())
    stdin = os.open("/dev/null", os.O_RDONLY)
    out = os.open(call["out"], os.O_WRONLY | os.O_TRUNC | os.O_CREAT, 0o600)
    err = os.open(call["err"], os.O_WRONLY | os.O_TRUNC | os.O_CREAT, 0o600)
    os.dup2(stdin, 0)
    os.dup2(out, 1)
    os.dup2(err, 2)
    for fd in (stdin, out, err):
        os.close(fd)
    os.chdir(call["cwd"])
    os.environ.clear()
    os.environ.update(call["env"])
    os.environ["AWS_DATA_PATH"] = data_path(os.environ)
    sys.argv = [AWS] + call["argv"]
    status = 0
    try:
        runpy.run_path(AWS, run_name="__main__")
    except SystemExit as e:
        if e.code is None:
            status = 0
        elif isinstance(e.code, int):
            status = e.code
        else:
            print(e.code, file=sys.stderr)
            status = 1
    except BaseException:  # what an uncaught exception does to a script
        import traceback

        traceback.print_exc()
        status = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        conn.sendall(b"%d\n" % status)
        os._exit(status)


def main():
    path = sys.argv[1]
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(64)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    print("ready", flush=True)
    selector = selectors.DefaultSelector()
    selector.register(server, selectors.EVENT_READ)
    selector.register(sys.stdin, selectors.EVENT_READ)
    while True:
        for key, _ in selector.select():
            if key.fileobj is sys.stdin:
                if not sys.stdin.buffer.read1(4096):
                    os.unlink(path)
                    return
                continue
            conn, _ = server.accept()
            if os.fork() == 0:
                selector.close()
                server.close()
                child(conn)
            conn.close()


main()
