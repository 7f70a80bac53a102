#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A userspace WAN delay line: a TCP proxy that holds every chunk for the one-way delay before passing it on.

These kernels have no netem, so a round trip between a tunnel client and its relay is made here, in user
space: every connection accepted on --listen is joined to --to, and each chunk read in either direction is
written on --one-way-ms later (a deque of (due time, bytes) per direction, one timer for its head). There is
no bandwidth cap and no loss: only what a sender may have in flight (its TCP and SSH windows) limits it, as
over a long, fat link. A reader that falls behind pauses the other side (asyncio's write buffer limits), and
no direction holds more than --max-held bytes, so memory stays bounded.

    python3 tests/bench/delay-line.py --listen 127.0.0.1:0 --to 127.0.0.1:2222 --one-way-ms 15

Prints "listening HOST:PORT" once ready, then "accepted N" for each connection (so a caller can tell that a
client really went through the line), on stdout. Standard library only; runs until SIGTERM or Ctrl-C.
"""
import argparse
import asyncio
import collections
import signal
import socket
import sys


class Direction(asyncio.Protocol):
    """One side of a joined connection: what it reads is delayed, then written to its peer's transport."""

    def __init__(self, line, delay, max_held):
        self.line = line
        self.delay = delay
        self.max_held = max_held
        self.transport = None
        self.peer = None          # the Direction on the other socket
        self.queue = collections.deque()
        self.held = 0
        self.timer = None
        self.eof = False          # this side sent FIN: pass it on once the queue is empty
        self.paused = False       # reading paused because the peer cannot take more
        self.lost = False         # this socket is gone: close the peer once the queue is out
        self.peer_blocked = False

    def connection_made(self, transport):
        self.transport = transport
        sock = transport.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def data_received(self, data):
        loop = self.line.loop
        self.queue.append((loop.time() + self.delay, data))
        self.held += len(data)
        if self.timer is None:
            self.timer = loop.call_at(self.queue[0][0], self.release)
        self.check_pause()

    def eof_received(self):
        self.eof = True
        if self.timer is None:
            self.release()
        return True  # keep our write side open: the other direction may still be moving

    def release(self):
        self.timer = None
        if self.peer is None or self.peer.transport is None:
            # The far side is still connecting (the client may speak first, as an SSH client does): what is due
            # stays queued until Line.join has connected it and calls this again.
            return
        loop = self.line.loop
        now = loop.time()
        out = []
        while self.queue and self.queue[0][0] <= now:
            _, data = self.queue.popleft()
            self.held -= len(data)
            out.append(data)
        if out and self.peer and self.peer.transport and not self.peer.transport.is_closing():
            self.peer.transport.write(b"".join(out) if len(out) > 1 else out[0])
        if self.queue:
            self.timer = loop.call_at(self.queue[0][0], self.release)
        elif self.peer and self.peer.transport and not self.peer.transport.is_closing():
            if self.lost:
                self.peer.transport.close()  # after what is buffered has been written
            elif self.eof and self.peer.transport.can_write_eof():
                try:
                    self.peer.transport.write_eof()
                except OSError:  # the peer's socket is gone already
                    self.peer.transport.abort()
                if self.peer.eof and not self.peer.queue:  # both ways finished: nothing more can move
                    self.transport.close()
                    self.peer.transport.close()
        self.check_pause()

    def check_pause(self):
        if self.lost:
            return
        want = self.peer_blocked or self.held >= self.max_held
        if want != self.paused and self.transport and not self.transport.is_closing():
            self.paused = want
            (self.transport.pause_reading if want else self.transport.resume_reading)()

    # The peer's transport is ours to write to; asyncio tells its own protocol (the peer) when it fills.
    def pause_writing(self):
        if self.peer:
            self.peer.peer_blocked = True
            self.peer.check_pause()

    def resume_writing(self):
        if self.peer:
            self.peer.peer_blocked = False
            self.peer.check_pause()

    def connection_lost(self, exc):
        # What we read still goes on after its delay, then the peer is closed; what the peer holds for us
        # has nowhere to go.
        self.lost = True
        if self.timer is None:
            self.release()


class Line:
    def __init__(self, loop, target, delay, max_held):
        self.loop = loop
        self.target = target
        self.delay = delay
        self.max_held = max_held
        self.accepted = 0

    async def join(self, client_sock):
        near = Direction(self, self.delay, self.max_held)
        far = Direction(self, self.delay, self.max_held)
        near.peer, far.peer = far, near
        client_sock.setblocking(False)
        await self.loop.connect_accepted_socket(lambda: near, client_sock)
        near.transport.pause_reading()
        try:
            await self.loop.create_connection(lambda: far, *self.target)
        except OSError as e:
            print(f"delay-line: cannot reach {self.target}: {e}", file=sys.stderr, flush=True)
            near.transport.close()
            return
        for side in (near, far):
            side.transport.set_write_buffer_limits(high=4 * 1024 * 1024)
        # Bytes (or the end) that arrived before pause_reading took effect are due by now or later: pass them on.
        if near.timer is None and (near.queue or near.eof or near.lost):
            near.release()
        if not near.lost:
            near.transport.resume_reading()

    async def serve(self, host, port):
        server = socket.socket()
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((host, port))
        server.listen(512)
        server.setblocking(False)
        print(f"listening {host}:{server.getsockname()[1]}", flush=True)
        while True:
            client, _ = await self.loop.sock_accept(server)
            self.accepted += 1
            print(f"accepted {self.accepted}", flush=True)
            self.loop.create_task(self.join(client))


def address(text):
    host, _, port = text.rpartition(":")
    return host or "127.0.0.1", int(port)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--listen", type=address, required=True, help="HOST:PORT to accept on (port 0: any)")
    parser.add_argument("--to", type=address, required=True, help="HOST:PORT to pass each connection on to")
    parser.add_argument("--one-way-ms", type=float, required=True, help="delay each way (half the round trip)")
    parser.add_argument("--max-held", type=int, default=64 * 1024 * 1024,
                        help="bytes one direction may hold before it stops reading (default 64 MiB)")
    args = parser.parse_args()
    loop = asyncio.new_event_loop()
    line = Line(loop, args.to, args.one_way_ms / 1000.0, args.max_held)
    serving = loop.create_task(line.serve(*args.listen))
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, serving.cancel)
    try:
        loop.run_until_complete(serving)
    except asyncio.CancelledError:
        pass


if __name__ == "__main__":
    main()
