// A Lambda runtime on Go's standard library for the container-image tests: it answers every event
// with what it sees of its sandbox (handler, working directory, uid, PATH, variables, whether /tmp
// and / are writable, who /etc/passwd says uid 993 is).
//
// Build: CGO_ENABLED=0 go build -o bootstrap main.go
package main

import (
	"bytes"
	"encoding/json"
	"io"
	"log"
	"net/http"
	"os"
	"strings"
)

func main() {
	api := os.Getenv("AWS_LAMBDA_RUNTIME_API")
	if api == "" {
		log.Fatal("AWS_LAMBDA_RUNTIME_API is not set")
	}
	base := "http://" + api + "/2018-06-01/runtime/invocation/"
	for {
		res, err := http.Get(base + "next")
		if err != nil {
			log.Fatalf("next: %v", err)
		}
		id := res.Header.Get("Lambda-Runtime-Aws-Request-Id")
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		body, _ := json.Marshal(seen())
		post, err := http.Post(base+id+"/response", "application/json", bytes.NewReader(body))
		if err != nil {
			log.Fatalf("response: %v", err)
		}
		post.Body.Close()
	}
}

func seen() map[string]string {
	cwd, _ := os.Getwd()
	out := map[string]string{
		"handler": os.Getenv("_HANDLER"),
		"cwd":     cwd,
		"uid":     itoa(os.Getuid()),
		"args":    strings.Join(os.Args, " "),
		"tmp":     writes("/tmp/probe"),
		"root":    writes("/probe"),
		"user":    user(),
		"files":   listing("/data") + ";" + listing("/gone"),
		"data_a":  content("/data/a"),
	}
	for _, name := range []string{"PATH", "FROM_IMAGE", "BOTH", "LAMBDA_TASK_ROOT", "AWS_LAMBDA_LOG_STREAM_NAME", "TZ", "LD_LIBRARY_PATH", "OUTLET_SAVED_LD_LIBRARY_PATH", "IMAGE_VERSION"} {
		out[name] = os.Getenv(name)
	}
	return out
}

func listing(dir string) string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "-"
	}
	names := []string{}
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return strings.Join(names, ",")
}

func content(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return "-"
	}
	return strings.TrimSpace(string(b))
}

func writes(path string) string {
	if err := os.WriteFile(path, []byte("x"), 0o644); err != nil {
		return err.Error()
	}
	os.Remove(path)
	return "ok"
}

func user() string {
	b, err := os.ReadFile("/etc/passwd")
	if err != nil {
		return err.Error()
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Split(line, ":")
		if len(f) > 2 && f[2] == "993" {
			return f[0]
		}
	}
	return "none"
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}
