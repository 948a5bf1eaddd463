"""A one-shot SMTP relay for tests: prints its port, accepts one connection, answers like a
relay, writes every envelope and message it receives to the file given as argv[1], then exits."""
import socket
import sys

out = open(sys.argv[1], "w", encoding="utf-8")
server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(1)
print(server.getsockname()[1], flush=True)
conn, _ = server.accept()
conn.settimeout(20)
f = conn.makefile("rb")


def reply(text):
    conn.sendall((text + "\r\n").encode())


reply("220 kiem-thu ESMTP")
in_data = False
lines = []
while True:
    raw = f.readline()
    if not raw:
        break
    line = raw.decode("utf-8").rstrip("\r\n")
    if in_data:
        if line == ".":
            out.write("DATA\n" + "\n".join(lines) + "\nEND\n")
            lines = []
            in_data = False
            reply("250 2.0.0 Ok: queued")
        else:
            lines.append(line)
        continue
    verb = line.split(" ")[0].split(":")[0].upper()
    if verb == "EHLO":
        conn.sendall(b"250-kiem-thu\r\n250 8BITMIME\r\n")
    elif verb in ("MAIL", "RCPT"):
        out.write(line + "\n")
        reply("250 2.1.0 Ok")
    elif verb == "DATA":
        in_data = True
        reply("354 End data with <CR><LF>.<CR><LF>")
    elif verb == "QUIT":
        reply("221 2.0.0 Bye")
        break
    else:
        reply("502 5.5.2 Error: command not recognized")
out.close()
