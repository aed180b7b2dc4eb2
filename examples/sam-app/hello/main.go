// A Lambda function for provided.al2023 written against the Runtime API with Go's standard
// library only: it answers HTTP API (payload 2.0) requests and logs scheduled events and SQS
// messages.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
)

var version = "1"

type event struct {
	Records []struct {
		MessageID   string `json:"messageId"`
		Body        string `json:"body"`
		EventSource string `json:"eventSource"`
	} `json:"Records"`
	DetailType string `json:"detail-type"`
	Time       string `json:"time"`
	RawPath    string `json:"rawPath"`
	RequestCtx struct {
		HTTP struct {
			Method string `json:"method"`
		} `json:"http"`
	} `json:"requestContext"`
}

func main() {
	api := "http://" + os.Getenv("AWS_LAMBDA_RUNTIME_API") + "/2018-06-01/runtime/invocation/"
	for {
		resp, err := http.Get(api + "next")
		if err != nil {
			fmt.Fprintln(os.Stderr, "next:", err)
			os.Exit(1)
		}
		id := resp.Header.Get("Lambda-Runtime-Aws-Request-Id")
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		out := handle(body)
		r, err := http.Post(api+id+"/response", "application/json", bytes.NewReader(out))
		if err != nil {
			fmt.Fprintln(os.Stderr, "response:", err)
			os.Exit(1)
		}
		r.Body.Close()
	}
}

func handle(payload []byte) []byte {
	var e event
	_ = json.Unmarshal(payload, &e)
	greeting := os.Getenv("GREETING")
	if len(e.Records) > 0 && e.Records[0].EventSource == "aws:sqs" {
		for _, r := range e.Records {
			fmt.Printf("order %s: %s\n", r.MessageID, r.Body)
		}
		return []byte(`{"batchItemFailures":[]}`)
	}
	if e.DetailType == "Scheduled Event" {
		fmt.Printf("scheduled event at %s: %s from version %s\n", e.Time, greeting, version)
		return []byte(`{"scheduled":true}`)
	}
	msg, _ := json.Marshal(map[string]string{
		"message": greeting + " from version " + version,
		"stage":   os.Getenv("STAGE"),
		"stack":   os.Getenv("STACK"),
		"path":    e.RawPath,
	})
	fmt.Printf("%s %s\n", e.RequestCtx.HTTP.Method, e.RawPath)
	out, _ := json.Marshal(map[string]interface{}{
		"statusCode": 200,
		"headers":    map[string]string{"content-type": "application/json"},
		"body":       string(msg),
	})
	return out
}
