"""An SMTP relay for tests that serves several connections (argv[2], default 1) and writes every
envelope and message to the file argv[1]. A recipient whose address contains "tu-choi" is refused
for good (550); one containing "tam-loi" is refused for now (451) the first time, accepted after."""
import socket
import sys

out = open(sys.argv[1], "w", encoding="utf-8")
connections = int(sys.argv[2]) if len(sys.argv) > 2 else 1
server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(5)
print(server.getsockname()[1], flush=True)
seen_temporary = set()

for _ in range(connections):
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
                out.flush()
                lines = []
                in_data = False
                reply("250 2.0.0 Ok: queued")
            else:
                lines.append(line)
            continue
        verb = line.split(" ")[0].split(":")[0].upper()
        if verb == "EHLO":
            conn.sendall(b"250-kiem-thu\r\n250 8BITMIME\r\n")
        elif verb == "RCPT" and "tu-choi" in line:
            out.write("REFUSED " + line + "\n")
            reply("550 5.1.1 Hop thu khong ton tai")
        elif verb == "RCPT" and "tam-loi" in line and line not in seen_temporary:
            seen_temporary.add(line)
            out.write("DEFERRED " + line + "\n")
            reply("451 4.3.0 Thu lai sau")
        elif verb in ("MAIL", "RCPT"):
            out.write(line + "\n")
            reply("250 2.1.0 Ok")
        elif verb == "RSET":
            reply("250 2.0.0 Ok")
        elif verb == "DATA":
            in_data = True
            reply("354 End data with <CR><LF>.<CR><LF>")
        elif verb == "QUIT":
            reply("221 2.0.0 Bye")
            break
        else:
            reply("502 5.5.2 Error: command not recognized")
    conn.close()
out.close()
