"""sockscope's tracer: runs a Python program, pausing before each of its socket calls.

    python3 runner.py PROGRAM.py

The program runs unchanged. Its sockets are socket.socket objects of a subclass whose methods
report each call and wait before making it, as Python Tutor's bdb waits before each line: a
call the program does not make is never made. time.sleep() pauses the same way, so that the
program sleeps when its step comes. os.read() and os.write() on a socket's descriptor are
traced as read() and write() calls on that socket (everything is a file).

Reports go to fd 3, one JSON object a line, each with CLOCK_MONOTONIC in microseconds (the session's clock):
  pause   {fn, line, code}                       the program waits before this call
  enter   {fn, sock, line, code, args}            the call starts (the system call follows)
  return  {fn, sock, line, code, result, args}    it returned
  error   {fn, sock, line, code, errno, message}  it raised OSError (raised on in the program)
  exit    {}                                      the program's last line has run
  crash   {line, type, message}                   an exception ended the program
Commands come on stdin, one a line:
  go      make the call the program waits before
  end     close the sockets the program left open (each reported) and exit
"""
import errno
import json
import linecache
import os
import runpy
import socket
import struct
import sys
import threading
import time
import traceback

PROGRAM = os.path.abspath(sys.argv[1])
_reports = os.fdopen(3, "w", buffering=1, encoding="utf-8")
_lock = threading.Lock()
_go = threading.Semaphore(0)
_open = {}
_numbers = iter(range(1, 1 << 30))
_busy = [None]

_Socket = socket.socket
_sleep = time.sleep
_read = os.read
_write = os.write


def report(ev, **fields):
    fields["ev"] = ev
    fields["us"] = time.monotonic_ns() // 1000
    with _lock:
        _reports.write(json.dumps(fields) + "\n")


def _program_line():
    """The line of the program that made the call, or None for a call from elsewhere."""
    frame = sys._getframe(1)
    while frame is not None and frame.f_code.co_filename != PROGRAM:
        frame = frame.f_back
    return frame.f_lineno if frame is not None else None


def _code(line):
    return linecache.getline(PROGRAM, line).split("  #")[0].strip()


def _endpoint(address):
    return "%s:%d" % (address[0], address[1])


def _preview(data):
    return bytes(data[:64]).decode("utf-8", "replace")


# Names by level: several constants share a value (SO_REUSEADDR is 2, and so is SO_J1939_PROMISC).
_OPTION_NAMES = {
    socket.SOL_SOCKET: ["SO_REUSEADDR", "SO_REUSEPORT", "SO_KEEPALIVE", "SO_LINGER", "SO_RCVBUF", "SO_SNDBUF",
                        "SO_BROADCAST", "SO_ERROR", "SO_TYPE", "SO_RCVTIMEO", "SO_SNDTIMEO", "SO_RCVLOWAT"],
    socket.IPPROTO_TCP: ["TCP_NODELAY", "TCP_MAXSEG", "TCP_CORK", "TCP_KEEPIDLE", "TCP_KEEPINTVL", "TCP_KEEPCNT", "TCP_QUICKACK"],
}
_LEVEL_NAMES = {socket.SOL_SOCKET: "SOL_SOCKET", socket.IPPROTO_TCP: "IPPROTO_TCP", socket.IPPROTO_IP: "IPPROTO_IP"}
_SHUT_NAMES = {socket.SHUT_RD: "SHUT_RD", socket.SHUT_WR: "SHUT_WR", socket.SHUT_RDWR: "SHUT_RDWR"}


def _option(level, option):
    names = [name for name in _OPTION_NAMES.get(level, []) if getattr(socket, name, None) == option]
    return {"level": _LEVEL_NAMES.get(level, level), "option": names[0] if names else option}


def _kind(value, kind):
    try:
        return kind(value).name
    except ValueError:
        return value


def _call(sock, fn, args, do, done):
    """One traced call: pause until go, report enter, make it, report return or error."""
    line = _program_line()
    if line is None:
        return do()
    code = _code(line)
    report("pause", fn=fn, line=line, code=code)
    _go.acquire()
    report("enter", fn=fn, sock=sock._sockscope, line=line, code=code, args=args)
    _busy[0] = sock._sockscope
    try:
        value = do()
    except OSError as error:
        name = errno.errorcode.get(error.errno, "EIO")
        report("error", fn=fn, sock=sock._sockscope, line=line, code=code, errno=name, message=error.strerror or str(error))
        raise
    finally:
        _busy[0] = None
    result, extra = done(value)
    report("return", fn=fn, sock=sock._sockscope, line=line, code=code, result=result, args=extra)
    return value


class TracedSocket(_Socket):
    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        self._sockscope = next(_numbers)
        self._sockscope_local = None
        self._sockscope_peer = None
        self._sockscope_linger0 = False
        if fileno is not None:
            # Made by accept() around the descriptor accept4() returned: no socket() call.
            _Socket.__init__(self, family, type, proto, fileno)
            _open[self._sockscope] = self
            return
        args = {
            "domain": _kind(socket.AF_INET if family == -1 else family, socket.AddressFamily),
            "type": _kind(socket.SOCK_STREAM if type == -1 else type, socket.SocketKind),
        }
        _call(self, "socket", args, lambda: _Socket.__init__(self, family, type, proto), lambda _: (self.fileno(), None))
        _open[self._sockscope] = self

    def _learn_local(self):
        """The address the kernel gave the socket, read with getsockname(): the tracer's own call."""
        if self._sockscope_local is None:
            self._sockscope_local = _endpoint(_Socket.getsockname(self))
        return self._sockscope_local

    def bind(self, address):
        def done(_):
            if address[1] != 0:
                self._sockscope_local = _endpoint(address)
            return 0, {"local": self._learn_local(), "fd": self.fileno()}
        return _call(self, "bind", {"address": address[0], "port": address[1]}, lambda: _Socket.bind(self, address), done)

    def listen(self, *backlog):
        args = {"backlog": backlog[0]} if backlog else None
        return _call(self, "listen", args, lambda: _Socket.listen(self, *backlog), lambda _: (0, None))

    def accept(self):
        def do():
            fd, address = self._accept()
            return TracedSocket(self.family, self.type, self.proto, fileno=fd), address
        def done(value):
            conn, address = value
            conn._sockscope_local = self._sockscope_local
            conn._sockscope_peer = _endpoint(address)
            return conn._sockscope, {"peer": conn._sockscope_peer, "fd": conn.fileno()}
        return _call(self, "accept", None, do, done)

    def connect(self, address):
        self._sockscope_peer = _endpoint(address)
        def done(_):
            return 0, {"local": self._learn_local(), "fd": self.fileno()}
        return _call(self, "connect", {"address": address[0], "port": address[1]}, lambda: _Socket.connect(self, address), done)

    def send(self, data, flags=0):
        args = {"len": len(data), "data": _preview(data)}
        if self.type == socket.SOCK_DGRAM:
            args["to"] = self._sockscope_peer
        return _call(self, "send", args, lambda: _Socket.send(self, data, flags), lambda sent: (sent, None))

    def recv(self, bufsize, flags=0):
        def done(data):
            return len(data), ({"data": _preview(data)} if data else {"eof": True})
        return _call(self, "recv", {"bufsize": bufsize}, lambda: _Socket.recv(self, bufsize, flags), done)

    def sendto(self, data, *rest):
        address = rest[-1]
        def done(sent):
            # The kernel binds an unbound socket at its first sendto(): say where it sends from.
            return sent, {"local": self._learn_local()}
        args = {"len": len(data), "data": _preview(data), "to": _endpoint(address)}
        return _call(self, "sendto", args, lambda: _Socket.sendto(self, data, *rest), done)

    def recvfrom(self, bufsize, flags=0):
        def done(value):
            data, address = value
            return len(data), {"from": _endpoint(address), "data": _preview(data)}
        return _call(self, "recvfrom", {"bufsize": bufsize}, lambda: _Socket.recvfrom(self, bufsize, flags), done)

    def shutdown(self, how):
        args = {"how": _SHUT_NAMES.get(how, how)}
        return _call(self, "shutdown", args, lambda: _Socket.shutdown(self, how), lambda _: (0, None))

    def setsockopt(self, level, option, value, *rest):
        args = _option(level, option)
        if option == socket.SO_LINGER and level == socket.SOL_SOCKET and isinstance(value, (bytes, bytearray)):
            onoff, linger = struct.unpack("ii", value)
            args.update(onoff=onoff, linger=linger)
            self._sockscope_linger0 = onoff == 1 and linger == 0
        else:
            args["value"] = value
        return _call(self, "setsockopt", args, lambda: _Socket.setsockopt(self, level, option, value, *rest), lambda _: (0, None))

    def getsockopt(self, level, option, *rest):
        return _call(self, "getsockopt", _option(level, option), lambda: _Socket.getsockopt(self, level, option, *rest),
                     lambda value: (value if isinstance(value, int) else len(value), None))

    def close(self):
        if self._sockscope not in _open:
            return _Socket.close(self)
        args = {"linger": 0} if self._sockscope_linger0 else None
        _call(self, "close", args, lambda: _Socket.close(self), lambda _: (0, None))
        _open.pop(self._sockscope, None)


def _socket_of(fd):
    """The program's open socket with this descriptor, or None for any other file."""
    for sock in _open.values():
        if sock.fileno() == fd:
            return sock
    return None


def _traced_read(fd, count):
    sock = _socket_of(fd)
    if sock is None:
        return _read(fd, count)
    def done(data):
        return len(data), ({"data": _preview(data)} if data else {"eof": True})
    return _call(sock, "read", {"fd": fd, "count": count}, lambda: _read(fd, count), done)


def _traced_write(fd, data):
    sock = _socket_of(fd)
    if sock is None:
        return _write(fd, data)
    args = {"fd": fd, "len": len(data), "data": _preview(data)}
    return _call(sock, "write", args, lambda: _write(fd, data), lambda written: (written, None))


def _traced_sleep(seconds):
    line = _program_line()
    if line is not None:
        report("pause", fn="sleep", line=line, code=_code(line))
        _go.acquire()
    _sleep(seconds)


def _end():
    """The session ends: close what the program left open, each close reported, and exit."""
    busy = _busy[0]
    for number, sock in list(_open.items()):
        report("enter", fn="close", sock=number, line=None, code=None, args=None)
        # A socket in a blocking call is closed by the kernel when the process exits, a moment later.
        if number != busy:
            _Socket.close(sock)
        report("return", fn="close", sock=number, line=None, code=None, result=0, args={"exit": number == busy} if number == busy else None)
    _reports.flush()
    os._exit(0)


def _commands():
    for command in iter(sys.stdin.readline, ""):
        if command.strip() == "go":
            _go.release()
        elif command.strip() == "end":
            _end()
    _end()


def _crash(error):
    line = getattr(error, "lineno", None) if isinstance(error, SyntaxError) else None
    for frame, number in traceback.walk_tb(error.__traceback__):
        if frame.f_code.co_filename == PROGRAM:
            line = number
    report("crash", line=line, type=type(error).__name__, message=str(error))


def main():
    threading.Thread(target=_commands, daemon=True).start()
    socket.socket = TracedSocket
    time.sleep = _traced_sleep
    os.read = _traced_read
    os.write = _traced_write
    try:
        runpy.run_path(PROGRAM, run_name="__main__")
        report("exit")
    except SystemExit:
        report("exit")
    except BaseException as error:
        _crash(error)
    # The process lives on, its sockets open, until the session ends.
    threading.Event().wait()


main()
