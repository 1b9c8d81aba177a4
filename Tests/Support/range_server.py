#!/usr/bin/env python3
"""A small HTTP server for the fetch tests, on 127.0.0.1 only.

Serves the files of --root with HTTP Range support (`Range: bytes=N-` and `bytes=N-M`), and can be
told to misbehave:
  --truncate-first N   the first plain (non-Range) GET of each file announces the full length but
                       sends only N bytes, then closes the connection
  --hang               reads each request and never answers (the client must time out)
  --trickle SECONDS    sends each body in 4 pieces with SECONDS between them (a slow, steady link)
A missing file is a 404. The chosen port is printed as `PORT <n>` on stdout once listening; each
request is logged as `GET <path> range=<header or ->` on stdout, flushed, so tests can check resumes.
Stops on SIGTERM or when stdin closes (so it never outlives the test that started it).
"""
import argparse
import http.server
import os
import re
import socketserver
import sys
import threading
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", required=True)
    parser.add_argument("--truncate-first", type=int, default=None)
    parser.add_argument("--hang", action="store_true")
    parser.add_argument("--trickle", type=float, default=None)
    args = parser.parse_args()
    truncated = set()
    lock = threading.Lock()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_):
            pass

        def do_GET(self):
            header = self.headers.get("Range")
            print(f"GET {self.path} range={header or '-'}", flush=True)
            if args.hang:
                time.sleep(3600)
                return
            path = os.path.join(args.root, self.path.lstrip("/").split("?")[0])
            if not os.path.isfile(path):
                body = b"not found\n"
                self.send_response(404)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            with open(path, "rb") as handle:
                data = handle.read()
            total = len(data)
            start, end = 0, total - 1
            status = 200
            if header:
                match = re.fullmatch(r"bytes=(\d+)-(\d*)", header.strip())
                if match is None or int(match.group(1)) >= total:
                    self.send_response(416)
                    self.send_header("Content-Range", f"bytes */{total}")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                start = int(match.group(1))
                if match.group(2):
                    end = min(int(match.group(2)), total - 1)
                status = 206
            chunk = data[start:end + 1]
            self.send_response(status)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(len(chunk)))
            self.send_header("Accept-Ranges", "bytes")
            if status == 206:
                self.send_header("Content-Range", f"bytes {start}-{end}/{total}")
            self.end_headers()
            cut = None
            with lock:
                if args.truncate_first is not None and not header and path not in truncated:
                    truncated.add(path)
                    cut = args.truncate_first
            if cut is not None:
                self.wfile.write(chunk[:cut])
                self.wfile.flush()
                self.close_connection = True
                return
            if args.trickle is not None:
                step = max(1, -(-len(chunk) // 4))
                for offset in range(0, len(chunk), step):
                    self.wfile.write(chunk[offset:offset + step])
                    self.wfile.flush()
                    time.sleep(args.trickle)
                return
            self.wfile.write(chunk)

    class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
        daemon_threads = True
        allow_reuse_address = True

    server = Server(("127.0.0.1", 0), Handler)
    print(f"PORT {server.server_address[1]}", flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()  # returns when the test closes our stdin or exits
    server.shutdown()


if __name__ == "__main__":
    main()
