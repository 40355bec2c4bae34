"""A stand-in freedesktop notification service for the tests, on the session bus.

It answers Notify with id 7, writes what it was asked to a file, and then
presses the first action button, as a person clicking "Done" would.
"""

from __future__ import annotations

import json
import sys

from jeepney import DBusAddress, MessageType, new_method_return, new_signal
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"


def main(log_path: str) -> None:
    connection = open_dbus_connection(bus="SESSION")
    reply = connection.send_and_get_reply(message_bus.RequestName(NAME))
    if reply.body[0] != 1:
        raise SystemExit("could not take the notification service name")
    print("ready", flush=True)
    while True:
        message = connection.receive()
        header = message.header
        if header.message_type != MessageType.method_call:
            continue
        member = header.fields.get(3)  # HeaderFields.member
        if member == "Notify":
            app, _replaces, _icon, summary, body, actions, _hints, _timeout = message.body
            with open(log_path, "w", encoding="utf-8") as log:
                json.dump({"app": app, "summary": summary, "body": body, "actions": actions}, log)
            connection.send(new_method_return(message, "u", (7,)))
            emitter = DBusAddress(PATH, interface=NAME)
            connection.send(new_signal(emitter, "ActionInvoked", "us", (7, actions[0])))
        elif member == "GetCapabilities":
            connection.send(new_method_return(message, "as", (["actions", "body"],)))
        else:
            connection.send(new_method_return(message))


if __name__ == "__main__":
    main(sys.argv[1])
