# Outlet's Python runtime: the AWS SDK finds Outlet.
#
# Outlet gives every sandbox AWS_ENDPOINT_URL (Outlet's own endpoint) with its execution role's
# credentials, so that code written for Lambda (boto3.client("lambda").invoke(...)) calls Outlet.
# botocore reads AWS_ENDPOINT_URL itself since 1.31; older ones (Debian 12 ships 1.29) ignore it
# and would call *.amazonaws.com. For those only, this module makes Session.create_client default
# its endpoint_url to AWS_ENDPOINT_URL, exactly what newer botocore does. It costs nothing until
# the function imports botocore: a finder waits for botocore.session's import and patches it then.
import os
import sys


def install(environ=os.environ):
    url = environ.get("AWS_ENDPOINT_URL")
    if url and "botocore.session" not in sys.modules:
        sys.meta_path.insert(0, _SessionFinder(url))


def _older_than_1_31(version):
    try:
        major, minor = (int(p) for p in version.split(".")[:2])
    except ValueError:
        return False
    return (major, minor) < (1, 31)


def patch(session_module, url):
    """Defaults create_client's endpoint_url to ``url`` on botocore before 1.31."""
    import botocore

    if not _older_than_1_31(getattr(botocore, "__version__", "")):
        return
    original = session_module.Session.create_client

    def create_client(self, *args, **kwargs):
        if len(args) < 6 and kwargs.get("endpoint_url") is None:
            kwargs["endpoint_url"] = url
        return original(self, *args, **kwargs)

    session_module.Session.create_client = create_client


class _SessionFinder:
    def __init__(self, url):
        self.url = url

    def find_spec(self, name, path, target=None):
        if name != "botocore.session":
            return None
        sys.meta_path.remove(self)
        import importlib.util

        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None:
            return spec
        execute = spec.loader.exec_module
        url = self.url

        def exec_module(module):
            execute(module)
            patch(module, url)

        spec.loader.exec_module = exec_module
        return spec
