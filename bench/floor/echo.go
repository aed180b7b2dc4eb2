// The floor for one HTTP exchange: a Go standard-library HTTP server on loopback that answers
// every request with its body (200, Content-Type copied). bench/run puts it under exactly the
// wrk load it puts on Outlet's Invoke, so Outlet/floor says what Outlet adds to one round trip.
//
// POST /discard reads the body and answers 204: the floor for uploading a body (CreateFunction).
//
// Prints "listening on 127.0.0.1:PORT" once it accepts connections, then serves until killed.
//
// Build: CGO_ENABLED=0 GO111MODULE=off go build -o echo echo.go
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"strconv"
)

func main() {
	addr := flag.String("listen", "127.0.0.1:0", "address to listen on")
	flag.Parse()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("listening on %s\n", ln.Addr())
	os.Stdout.Sync()
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/discard" {
			io.Copy(io.Discard, r.Body)
			w.WriteHeader(http.StatusNoContent)
			return
		}
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		if ct := r.Header.Get("Content-Type"); ct != "" {
			w.Header().Set("Content-Type", ct)
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Write(body)
	})
	log.Fatal(http.Serve(ln, handler))
}
