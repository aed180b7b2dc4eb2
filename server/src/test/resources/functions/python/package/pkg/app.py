from .sub.helpers import greeting


def handler(event, context):
    return {"message": greeting(event.get("name", "world")), "module": __name__}
