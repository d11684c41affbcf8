"""The team hub's rows of Caseload's benchmark (10 to 15), on a real
PostgreSQL 15 hub started by scripts/hub on loopback and seeded from the
city store. Floors are PostgreSQL's and SQLite's own tools doing the same
rows: psql copying them (COPY ... TO STDOUT / FROM STDIN) and the sqlite3
shell loading them in one transaction.
"""
import os
import re
import subprocess
import tempfile
import time

from bench import ROOT, SQLITE, copy_store, log, run, summary, timed

PSQL = "psql"


class Hub:
    """A throwaway hub (scripts/hub), its owner's password, and a team's logins."""

    def __init__(self):
        # Its own folder: the cluster runs as the postgres user when root, who cannot enter the work folder.
        self.dir = tempfile.mkdtemp(prefix="caseload-bench-hub-")
        self.url = run([os.path.join(ROOT, "scripts", "hub"), "start", self.dir]).stdout.strip().splitlines()[-1]
        self.port = open(os.path.join(self.dir, "port")).read().strip()
        self.admin_password = open(os.path.join(self.dir, "admin.password")).read().strip()
        self.passwords = {}

    def address(self, login):
        return self.url.replace("caseload_admin@", f"{login}@")

    def env(self, login=None):
        password = self.admin_password if login is None else self.passwords[login]
        return {**os.environ, "PGPASSWORD": password, "TZ": os.environ.get("TZ", "Europe/London")}

    def psql(self, sql, login=None):
        command = [PSQL, "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", self.port,
                   "-U", login or "caseload_admin", "-d", "caseload", "-c", sql]
        return run(command, env=self.env(login)).stdout.strip()

    def grant(self, binary, login, role):
        self.passwords[login] = f"bench-{login}-secret"
        subprocess.run([binary, "hub", "grant", login, "--role", role, "--hub", self.url, "--password-stdin"],
                       input=self.passwords[login], text=True, env=self.env(), check=True, stdout=subprocess.DEVNULL)

    def sync(self, binary, store, login, extra=(), allowed=(0,)):
        return [binary, "sync", "--store", store, "--as", login, "--hub", self.address(login)] + list(extra)

    def stop(self):
        run([os.path.join(ROOT, "scripts", "hub"), "stop", self.dir], check=False)


def row(rows, measure, caseload, floor, goal, met, unit="hub", **extra):
    ratio = caseload["median"] / floor["median"] if floor else None
    rows.append({"measure": measure, "caseload": caseload, "floor": floor, "ratio": ratio, "goal": goal, "met": met,
                 "unit": unit, **extra})
    log(f"  {caseload['median']:.2f} s" + (f" against {floor['median']:.2f} s: ratio {ratio:.2f}" if floor else ""))


def once(seconds):
    return {"median": seconds, "min": seconds, "max": seconds, "runs": 1}


def add_contacts(store, login, count, tag):
    """New contacts made on a laptop, as its own writes (its triggers fill
    the outbox), spread over the worker's open cases."""
    run([SQLITE, store, f"""
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count}),
        me AS (SELECT id FROM worker WHERE login = '{login}'),
        mine AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k, count(*) OVER () AS total
                 FROM case_file WHERE worker_id = (SELECT id FROM me) AND status = 'open')
        INSERT INTO contact (id, case_id, occurred_at, worker_id, mode, summary, created_at, created_by, device_id)
        SELECT printf('{tag}-%06d-%s', i, lower(hex(randomblob(6)))), mine.id,
               strftime('%Y-%m-%d %H:%M:%f', 'now'), (SELECT id FROM me), 'phone-out',
               'Called about the annual review ' || i, strftime('%Y-%m-%d %H:%M:%f', 'now'), (SELECT id FROM me),
               (SELECT value FROM store_info WHERE key = 'device_id')
        FROM n JOIN mine ON mine.k = n.i % mine.total;
        """])


def statements_from_log(hub, since):
    """The statements the hub ran since a point in its log, with their
    parameters written in, for psql to run the same."""
    text = open(os.path.join(hub.dir, "server.log"), encoding="utf-8", errors="replace").read()[since:]
    out, pending = [], None
    for entry in re.split(r"\n(?=\S)", text):
        statement = re.search(r"(?:execute [^:]*|statement): (.*)", entry, re.S)
        if statement and "LOG:" in entry:
            if pending:
                out.append(pending)
            pending = statement.group(1).strip()
            continue
        parameters = re.search(r"DETAIL:\s+parameters: (.*)", entry, re.S)
        if parameters and pending:
            values = dict(re.findall(r"\$(\d+) = ('(?:[^']|'')*'|NULL)", parameters.group(1)))
            for number in sorted(values, key=int, reverse=True):
                pending = pending.replace(f"${number}", values[number])
    if pending:
        out.append(pending)
    return [s for s in out if s and not s.startswith(("BEGIN", "COMMIT", "SET "))]


def hub_rows(binary, store_file, meta, work, runs, quick):
    """The hub's rows, appended to the benchmark's table."""
    rows = []
    hub = Hub()
    try:
        measure(binary, store_file, meta, work, runs, hub, rows)
    finally:
        hub.stop()
    return rows


def measure(binary, store_file, meta, work, runs, hub, rows):
    office = os.path.join(work, "office.sqlite")
    copy_store(store_file, office)
    supervisor = "bench"
    run([binary, "hub", "init", "--hub", hub.url], env=hub.env())
    hub.grant(binary, supervisor, "supervisor")
    workers = run([SQLITE, office, """
        SELECT w.login FROM worker w LEFT JOIN case_file c ON c.worker_id = w.id AND c.status = 'open'
        WHERE w.role = 'caseworker' AND w.ended_at IS NULL GROUP BY w.id ORDER BY count(c.id) DESC, w.login"""]
                  ).stdout.split()
    busiest = workers[0]
    for login in workers:
        hub.grant(binary, login, "caseworker")

    # 10. The office seeds the hub with the whole city.
    log("10. seeding the hub from the city store ...")
    records = int(run([SQLITE, office, "SELECT (SELECT count(*) FROM contact) + (SELECT count(*) FROM audit_event)"
                                       " + (SELECT count(*) FROM person) + (SELECT count(*) FROM case_file)"]).stdout)
    seconds = timed(hub.sync(binary, office, supervisor), env=hub.env(supervisor))
    on_hub = int(hub.psql("SELECT count(*) FROM hub_record"))
    row(rows, f"10. seeding a hub from the city store (supervisor's first sync): {on_hub:,} records",
        once(seconds), None, "none yet; it must finish", on_hub >= records, records=on_hub)

    # 11. A caseworker's laptop joining: their cases whole, and the worker list.
    log(f"11. {busiest} joining ...")
    laptop = os.path.join(work, "laptop.sqlite")

    def join():
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(laptop + suffix):
                os.remove(laptop + suffix)
        return timed(hub.sync(binary, laptop, busiest), env=hub.env(busiest))

    worker_id = hub.psql(f"SELECT id FROM hub_worker WHERE login = '{busiest}'")
    rows_out = os.path.join(work, "joined.tsv")
    visible = f"""
        SELECT tbl, id, case_id, data::text FROM hub_record
        WHERE tbl = 'worker'
           OR case_id IN (SELECT case_id FROM hub_access WHERE worker_id = '{worker_id}' AND until IS NULL)
           OR (tbl = 'person' AND id IN (SELECT pc.person_id FROM hub_person_case pc JOIN hub_access a
                                        ON a.case_id = pc.case_id WHERE a.worker_id = '{worker_id}' AND a.until IS NULL))"""
    loaded = os.path.join(work, "floor.sqlite")

    def floor_join():
        for path in (rows_out, loaded):
            if os.path.exists(path):
                os.remove(path)
        started = time.perf_counter()
        with open(rows_out, "w") as out:
            subprocess.run([PSQL, "-X", "-q", "-h", "127.0.0.1", "-p", hub.port, "-U", busiest, "-d", "caseload", "-c",
                            f"COPY ({visible}) TO STDOUT"], env=hub.env(busiest), stdout=out, check=True)
        script = "\n".join(["CREATE TABLE record (tbl TEXT, id TEXT, case_id TEXT, data TEXT);", "BEGIN;", ".mode tabs",
                             f".import {rows_out} record", "COMMIT;"])
        subprocess.run([SQLITE, loaded], input=script, text=True, check=True, stdout=subprocess.DEVNULL)
        return time.perf_counter() - started

    joins, floors = [], []
    for _ in range(max(3, runs // 2)):
        joins.append(join())
        floors.append(floor_join())
    pulled = int(run([SQLITE, laptop, "SELECT count(*) FROM case_file"]).stdout)
    copied = int(run([SQLITE, loaded, "SELECT count(*) FROM record WHERE tbl = 'case_file'"]).stdout)
    app, floor = summary(joins), summary(floors)
    ratio = app["median"] / floor["median"]
    row(rows, f"11. a caseworker's laptop joining the city hub: {pulled} cases", app, floor, "ratio ≤ 3", ratio <= 3,
        cases={"caseload": pulled, "floor": copied})

    # 12, 13. Pushing 10,000 new contacts, and pulling them on the office's store.
    log("12. pushing 10,000 contacts, 13. pulling them ...")
    add_contacts(laptop, busiest, 10_000, "bench-push")
    push = timed(hub.sync(binary, laptop, busiest), env=hub.env(busiest))
    arrived = int(hub.psql("SELECT count(*) FROM hub_record WHERE tbl = 'contact' AND id LIKE 'bench-push-%'"))
    pull = timed(hub.sync(binary, office, supervisor), env=hub.env(supervisor))
    landed = int(run([SQLITE, office, "SELECT count(*) FROM contact WHERE id LIKE 'bench-push-%'"]).stdout)
    copy_file = os.path.join(work, "contacts.copy")
    with open(copy_file, "w") as out:
        subprocess.run([PSQL, "-X", "-q", "-h", "127.0.0.1", "-p", hub.port, "-U", "caseload_admin", "-d", "caseload", "-c",
                        "COPY (SELECT tbl, id, case_id, data, clocks, clock, device_id, login FROM hub_record "
                        "WHERE tbl = 'contact' AND id LIKE 'bench-push-%') TO STDOUT"],
                       env=hub.env(), stdout=out, check=True)

    def floor_copy_in():
        with open(copy_file) as source:
            started = time.perf_counter()
            subprocess.run([PSQL, "-X", "-q", "-h", "127.0.0.1", "-p", hub.port, "-U", "caseload_admin", "-d", "caseload",
                            "-c", "CREATE TEMP TABLE landing (LIKE hub_record INCLUDING DEFAULTS INCLUDING INDEXES)",
                            "-c", "COPY landing (tbl, id, case_id, data, clocks, clock, device_id, login) FROM STDIN"],
                           env=hub.env(), stdin=source, check=True, stdout=subprocess.DEVNULL)
            return time.perf_counter() - started

    floor = summary([floor_copy_in() for _ in range(runs)])
    row(rows, f"12. pushing 10,000 new contacts ({arrived:,} on the hub)", once(push), floor, "ratio ≤ 3",
        push / floor["median"] <= 3 and arrived == 10_000)
    row(rows, f"13. pulling them on a second store ({landed:,} arrived)", once(pull), floor, "ratio ≤ 3",
        pull / floor["median"] <= 3 and landed == 10_000)

    # 14. A sync with nothing to do, against psql running the same queries.
    log("14. an empty sync ...")
    command = hub.sync(binary, laptop, busiest)
    timed(command, env=hub.env(busiest))
    log_file = os.path.join(hub.dir, "server.log")
    hub.psql(f"ALTER ROLE \"{busiest}\" SET log_min_duration_statement = 0")
    since = os.path.getsize(log_file)
    timed(command, env=hub.env(busiest))
    time.sleep(0.2)
    hub.psql(f"ALTER ROLE \"{busiest}\" RESET log_min_duration_statement")
    queries = statements_from_log(hub, since)
    script = os.path.join(work, "empty-sync.sql")
    with open(script, "w") as out:
        out.write(";\n".join(queries) + ";\n")

    def floor_queries():
        return timed([PSQL, "-X", "-q", "-h", "127.0.0.1", "-p", hub.port, "-U", busiest, "-d", "caseload", "-f", script],
                     env=hub.env(busiest))

    app, floor = [], []
    for _ in range(runs):
        app.append(timed(command, env=hub.env(busiest)))
        floor.append(floor_queries())
    app, floor = summary(app), summary(floor)
    row(rows, f"14. a sync with nothing to do ({len(queries)} queries)", app, floor, "ratio ≤ 2",
        app["median"] / floor["median"] <= 2, queries=queries)

    # 15. Sixty laptops syncing at once, 100 new contacts each.
    laptops = workers[:60]
    log(f"15. {len(laptops)} laptops joining, then syncing at once ...")
    stores = {}
    for login in laptops:
        stores[login] = os.path.join(work, f"laptop-{login}.sqlite")
        if login == busiest:
            stores[login] = laptop
        else:
            run(hub.sync(binary, stores[login], login), env=hub.env(login))
        add_contacts(stores[login], login, 100, f"bench-crowd-{login}")
    started = time.perf_counter()
    processes = {login: subprocess.Popen(hub.sync(binary, stores[login], login), env=hub.env(login),
                                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for login in laptops}
    taken, failed = {}, []
    for login, process in processes.items():
        process.wait()
        taken[login] = time.perf_counter() - started
        if process.returncode != 0:
            failed.append(f"{login}: {process.stderr.read().decode().strip()}")
    present = int(hub.psql("SELECT count(*) FROM hub_record WHERE tbl = 'contact' AND id LIKE 'bench-crowd-%'"))
    slowest = max(taken.values())
    row(rows, f"15. {len(laptops)} laptops syncing at once, 100 new contacts each: slowest sync", once(slowest), None,
        "every record present", present == 100 * len(laptops) and not failed, present=present, failed=failed)

    # 16. A supervisor joining the whole city, with a progress bar, broken off and resumed.
    log("16. a supervisor joining the whole city, interrupted and resumed ...")
    city = os.path.join(work, "city-laptop.sqlite")
    socket = f"caseload-bench-hub-{os.getpid()}"
    pane = " ".join(hub.sync(binary, city, supervisor))
    subprocess.run(["tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "10", "sh", "-c",
                    f"PGPASSWORD={hub.passwords[supervisor]} {pane}; echo sync-ended; sleep 600"], check=True,
                   env={**os.environ, "TERM": "xterm-256color", "LANG": "C.UTF-8"})
    # Broken off a few seconds into receiving, once the bar shows; a small
    # store may finish first, which the row then reports as not met.
    started = time.perf_counter()
    bar, seen = "", ""
    while time.perf_counter() - started < 600:
        time.sleep(0.2)
        bar = subprocess.run(["tmux", "-L", socket, "capture-pane", "-p"], stdout=subprocess.PIPE, text=True).stdout
        seen = bar if "Receiving [" in bar else seen
        if "sync-ended" in bar or (seen and time.perf_counter() - started > 15):
            break
    bar = seen or bar
    first = time.perf_counter() - started
    subprocess.run(["pkill", "-INT", "-f", "--", f"--store {city}"], check=False)
    subprocess.run(["tmux", "-L", socket, "kill-server"], stderr=subprocess.DEVNULL)
    time.sleep(1)
    # A pull brings the hub's records in the order they reached it: a seed's
    # people and cases before their contacts.
    part = int(run([SQLITE, city, "SELECT (SELECT count(*) FROM person) + (SELECT count(*) FROM case_file)"
                                  " + (SELECT count(*) FROM case_party) + (SELECT count(*) FROM contact)"],
                   check=False).stdout or 0)
    second = timed(hub.sync(binary, city, supervisor), env=hub.env(supervisor))
    cases = int(run([SQLITE, city, "SELECT count(*) FROM case_file"]).stdout)
    contacts = int(run([SQLITE, city, "SELECT count(*) FROM contact"]).stdout)
    want = int(hub.psql("SELECT count(*) FROM hub_record WHERE tbl = 'contact'"))
    progress = next((line.strip() for line in bar.splitlines() if "Receiving [" in line), "")
    row(rows, f"16. a supervisor joining the whole city: {cases:,} cases, {contacts:,} contacts "
              f"(broken off at {part:,} records, resumed)", once(first + second), None,
        "finishes, with a progress bar, and resumes", contacts == want and part > 0 and bool(progress) and second > 1,
        progress=progress, first=first, second=second)
