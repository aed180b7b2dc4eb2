def greeting(name):
    return "hello from pkg.sub.helpers, " + name
