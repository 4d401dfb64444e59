#!/usr/bin/python3
"""A byte-counting TCP relay on 127.0.0.1, to prove a peer really compresses on the wire.

Usage: wiretap.py --target 127.0.0.1:PORT
Prints "LISTENING <port>", relays every connection to the target, and when stdin reaches EOF
prints "BYTES up=<client-to-server> down=<server-to-client>" and exits. Needs no gRPC: a
10000-byte message that crosses in far fewer bytes can only have been compressed.
"""
import argparse
import asyncio
import sys

counts = {"up": 0, "down": 0}


async def pipe(reader, writer, key):
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            counts[key] += len(data)
            writer.write(data)
            await writer.drain()
    except (ConnectionError, OSError):
        pass
    finally:
        writer.close()


async def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--target", required=True)
    args = parser.parse_args()
    host, port = args.target.rsplit(":", 1)

    async def handle(client_reader, client_writer):
        try:
            server_reader, server_writer = await asyncio.open_connection(host, int(port))
        except OSError:
            client_writer.close()
            return
        await asyncio.gather(pipe(client_reader, server_writer, "up"),
                             pipe(server_reader, client_writer, "down"))

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    print("LISTENING %d" % server.sockets[0].getsockname()[1], flush=True)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.buffer.read)  # until EOF
    server.close()
    print("BYTES up=%d down=%d" % (counts["up"], counts["down"]), flush=True)


if __name__ == "__main__":
    asyncio.run(main())
