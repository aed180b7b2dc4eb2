// The floor for a cold start: exec a Lambda runtime binary with AWS_LAMBDA_RUNTIME_API pointing at
// a stub listener in this process, and time exec -> its first GET .../invocation/next. Repeats N
// times (the process is killed after each), then prints one JSON object:
//
//	{"samples_ms":[...]}
//
// Usage: coldexec -bin ./bootstrap -n 20 [-wrap "unshare --pid --fork"]
//
// Build: CGO_ENABLED=0 GO111MODULE=off go build -o coldexec coldexec.go
package main

import (
	"encoding/json"
	"flag"
	"log"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

func main() {
	bin := flag.String("bin", "", "runtime executable to start")
	n := flag.Int("n", 20, "repetitions")
	wrap := flag.String("wrap", "", "optional command prefix, space separated (e.g. an isolation wrapper)")
	flag.Parse()
	if *bin == "" {
		log.Fatal("coldexec: -bin is required")
	}
	path, err := filepath.Abs(*bin)
	if err != nil {
		log.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	arrived := make(chan time.Time, 1)
	mux := http.NewServeMux()
	mux.HandleFunc("/2018-06-01/runtime/invocation/next", func(w http.ResponseWriter, r *http.Request) {
		select {
		case arrived <- time.Now():
		default:
		}
		<-r.Context().Done() // park like a real Runtime API until the runtime is killed
	})
	go http.Serve(ln, mux)

	samples := make([]float64, 0, *n)
	for i := 0; i < *n; i++ {
		argv := append(strings.Fields(*wrap), path)
		cmd := exec.Command(argv[0], argv[1:]...)
		cmd.Dir = filepath.Dir(path)
		cmd.Env = []string{
			"AWS_LAMBDA_RUNTIME_API=" + ln.Addr().String(),
			"PATH=/usr/local/bin:/usr/bin:/bin",
			"TZ=:UTC",
		}
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		t0 := time.Now()
		if err := cmd.Start(); err != nil {
			log.Fatal(err)
		}
		select {
		case t1 := <-arrived:
			samples = append(samples, float64(t1.Sub(t0).Microseconds())/1000)
		case <-time.After(10 * time.Second):
			log.Fatalf("coldexec: %s sent no GET /next within 10 s", path)
		}
		cmd.Process.Kill()
		cmd.Wait()
	}
	json.NewEncoder(os.Stdout).Encode(map[string]any{"samples_ms": samples})
}
