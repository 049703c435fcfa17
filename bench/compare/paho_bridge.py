#!/usr/bin/env python3
"""The Python baseline of bench/compare: paho-mqtt + sqlite3, what a school IT team might
write in an afternoon. Subscribes to bench/in/#, looks each card UID up in an SQLite roster
built from the benchmark's cards.tsv, and publishes {"decision","reason","person"} QoS 1 to
bench/out/<reader>. No durable outbox, no policy beyond "known and not lost/suspended".

usage: paho_bridge.py HOST:PORT CARDS_TSV DB_PATH
"""
import json
import sqlite3
import sys

import paho.mqtt.client as mqtt


def build_roster(cards_tsv, db_path):
    db = sqlite3.connect(db_path, check_same_thread=False)
    db.execute("DROP TABLE IF EXISTS cards")
    db.execute("CREATE TABLE cards(uid TEXT PRIMARY KEY, person TEXT, role TEXT, status TEXT)")
    with open(cards_tsv) as f:
        rows = []
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 6 and parts[5] != "unknown":  # cards that are in no roster
                rows.append((parts[0], parts[1], parts[2], parts[5]))
        db.executemany("INSERT OR REPLACE INTO cards VALUES (?, ?, ?, ?)", rows)
    db.commit()
    return db


def main():
    host, port = sys.argv[1].rsplit(":", 1)
    db = build_roster(sys.argv[2], sys.argv[3])

    def on_connect(client, userdata, flags, rc):
        client.subscribe("bench/in/#", qos=1)

    def on_message(client, userdata, msg):
        uid = msg.payload.decode("utf-8", "replace").strip().upper()
        row = db.execute("SELECT person, status FROM cards WHERE uid = ?", (uid,)).fetchone()
        if row is None:
            out = {"decision": "deny", "reason": "unknown_credential"}
        elif row[1] != "ok":
            out = {"decision": "deny", "reason": row[1], "person": row[0]}
        else:
            out = {"decision": "allow", "reason": "ok", "person": row[0]}
        reader = msg.topic.rsplit("/", 1)[-1]
        client.publish("bench/out/" + reader, json.dumps(out), qos=1)

    client = mqtt.Client(client_id="bench-paho-bridge", clean_session=True)
    client.max_inflight_messages_set(100)
    client.max_queued_messages_set(0)
    client.on_connect = on_connect
    client.on_message = on_message
    client.connect(host, int(port), keepalive=30)
    client.loop_forever()


if __name__ == "__main__":
    main()
