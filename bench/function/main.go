// A Lambda runtime written with Go's standard library only, that behaves on the wire like
// aws-lambda-go's lambda.Start: GET /next with no client timeout, exactly 200 expected; results
// POSTed with Transfer-Encoding: chunked and declared trailers, exactly 202 expected; any other
// status is fatal. It answers every event with the event itself (an echo).
//
// LOG_LINES=N (bench/run's log flood) makes it also print N lines to stdout per invocation, one
// write each, as fmt.Println-style logging in a handler does; unset or 0 keeps it a pure echo.
//
// Build: CGO_ENABLED=0 GOOS=linux GOARCH=amd64 go build -o bootstrap main.go
package main

import (
	"bytes"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"strconv"
)

func main() {
	api := os.Getenv("AWS_LAMBDA_RUNTIME_API")
	if api == "" {
		log.Fatal("expected AWS Lambda environment variables [_LAMBDA_SERVER_PORT AWS_LAMBDA_RUNTIME_API] are not defined")
	}
	base := "http://" + api + "/2018-06-01/runtime/invocation/"
	logLines, _ := strconv.Atoi(os.Getenv("LOG_LINES"))
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 2, DisableCompression: true}}
	for {
		res, err := client.Get(base + "next")
		if err != nil {
			log.Fatalf("failed to get the next invoke: %v", err)
		}
		if res.StatusCode != http.StatusOK {
			log.Fatalf("failed to GET %snext: got unexpected status code: %d", base, res.StatusCode)
		}
		id := res.Header.Get("Lambda-Runtime-Aws-Request-Id")
		if _, err := strconv.ParseInt(res.Header.Get("Lambda-Runtime-Deadline-Ms"), 10, 64); err != nil {
			log.Fatalf("failed to parse deadline: %v", err)
		}
		event, err := io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil {
			log.Fatalf("failed to read the event: %v", err)
		}
		for i := 0; i < logLines; i++ {
			fmt.Fprintf(os.Stdout, "log line %d of %d for request %s: the quick brown fox\n", i+1, logLines, id)
		}
		post(client, base+id+"/response", event)
	}
}

// post sends body chunked, with the trailers aws-lambda-go declares, and requires exactly 202.
func post(client *http.Client, url string, body []byte) {
	req, err := http.NewRequest(http.MethodPost, url, io.MultiReader(bytes.NewReader(body)))
	if err != nil {
		log.Fatal(err)
	}
	req.ContentLength = -1
	req.Header.Set("Content-Type", "application/octet-stream")
	req.Trailer = http.Header{
		"Lambda-Runtime-Function-Error-Type": nil,
		"Lambda-Runtime-Function-Error-Body": nil,
	}
	res, err := client.Do(req)
	if err != nil {
		log.Fatalf("failed to POST to %s: %v", url, err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusAccepted {
		log.Fatalf("failed to POST to %s: got unexpected status code: %d", url, res.StatusCode)
	}
}
