#!/usr/bin/env python3
"""Sorts the samples of a perf recording of Outlet (bench/perf/profile) into where an invoke's CPU
goes: by thread (log writer, metrics writer, JIT, GC), and on the event loops by the leaf-most frame
that names a part (kernel: socket read, write, epoll and wake-ups; HTTP decode and encode; Outlet's
own code; Netty and Vert.x). Prints each category's share of Outlet's samples.

    bench/perf/classify.py perf.data
"""
import sys, subprocess, collections
data = sys.argv[1]
out = subprocess.run(["perf","script","-i",data,"-F","comm,ip,sym,dso"], capture_output=True, text=True).stdout
samples = out.split("\n\n")
cats = collections.Counter(); total = 0
RULES = [
 ("metrics (Micrometer meters, event loop)", ["micrometer", "LambdaMetrics", "MeterSet"]),
 ("log lines appended (event loop)", ["SqliteLogStore.append", "LogPump", "PlatformLines", "PlatformLog"]),
 ("REPORT/END record", ["InvocationRecord"]),
 ("HTTP encode (headers, responses)", ["HttpObjectEncoder", "encodeHeader", "HeadersMultiMap.add", "Http1xServerResponse.end", "HttpClient"]),
 ("HTTP decode (request line, headers, body)", ["HttpObjectDecoder", "HttpHeaders", "HeadersMultiMap.get"]),
 ("Outlet invoke logic", ["dev.outlet"]),
 ("socket write (kernel)", ["sys_write", "sys_sendto", "sys_writev", "tcp_sendmsg"]),
 ("socket read (kernel)", ["sys_read", "sys_recvfrom", "tcp_recvmsg"]),
 ("epoll wait/wake (kernel)", ["epoll", "schedule", "finish_task_switch", "futex"]),
 ("Netty/Vert.x plumbing", ["io.netty", "io.vertx"]),
 ("JDK (CompletableFuture, collections) outside Outlet frames", ["java.util.concurrent"]),
]
for s in samples:
    lines = [l.strip() for l in s.strip().split("\n") if l.strip()]
    if not lines: continue
    head = lines[0].split()
    comm = head[0]
    frames = " | ".join(lines[1:]) if len(lines) > 1 else " ".join(head[1:])
    total += 1
    if comm.startswith("outlet-log"):
        c = "log writer: SQLite" if "sqlite" in frames.lower() else "log writer: other"
    elif comm.startswith("outlet-metric"): c = "metrics writer"
    elif "Compiler" in comm or comm.startswith("C2") or comm.startswith("C1"): c = "JIT compiler"
    elif "GC" in comm or "G1" in comm or "VM Thread" in comm: c = "GC"
    elif comm.startswith("vert.x-eventlo"):
        c = "event loop: other"
        fr = lines[1:]
        kern = []
        for f in fr:
            if "kernel.kallsyms" in f or "[vdso]" in f: kern.append(f)
            else: break
        if kern:
            k = " ".join(kern)
            if any(x in k for x in ["sys_write", "sys_sendto", "sys_writev", "tcp_sendmsg"]): c = "event loop: kernel: socket write"
            elif any(x in k for x in ["sys_read", "sys_recvfrom", "tcp_recvmsg"]): c = "event loop: kernel: socket read"
            elif any(x in k for x in ["epoll", "schedule", "finish_task_switch", "futex"]): c = "event loop: kernel: epoll wait/wake"
            elif "vdso" in k or "clock" in k: c = "event loop: clock_gettime"
            else: c = "event loop: kernel: other"
            cats[c] += 1; continue
        done = False
        for f in fr:
            for name, keys in RULES:
                if any(k in f for k in keys):
                    c = "event loop: " + name; done = True; break
            if done: break
    else: c = "other threads (" + comm + ")"
    cats[c] += 1
for c, n in cats.most_common():
    if 100 * n / total >= 0.3:
        print(f"{100*n/total:5.1f}%  {c}")
print(total, "samples")
