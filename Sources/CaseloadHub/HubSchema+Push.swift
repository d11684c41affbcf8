/// `hub_push`, the only way a laptop writes to the hub: a batch of its
/// store's changes, each checked and applied on its own, so one refused
/// change leaves the rest of the batch standing.
extension HubSchema {
    static let push: [String] = [
        """
        CREATE FUNCTION hub_push(device text, changes jsonb) RETURNS jsonb
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
        DECLARE
            caller hub_device;
            me text;
            supervisor boolean;
            change jsonb;
            made text[] := '{}';
            outcome text;
            found_conflicts int;
            reason text;
            applied int := 0;
            unchanged int := 0;
            conflicts int := 0;
            refused jsonb := '[]';
            plain int[];
        BEGIN
            caller := hub_caller(device);
            me := hub_me();
            supervisor := hub_is_supervisor();
            IF me IS NULL AND NOT caller.seeding THEN
                RAISE EXCEPTION '% is not on the team''s worker list on the hub yet; a supervisor''s laptop must sync first',
                    session_user;
            END IF;
            IF jsonb_typeof(changes) IS DISTINCT FROM 'array' THEN
                RAISE EXCEPTION 'the changes sent to the hub are not a list';
            END IF;
            -- A seed is a supervisor's whole store, every change a record
            -- new to an empty hub: written in one statement, not checked one
            -- by one, so a city's records go in minutes rather than hours.
            IF caller.seeding AND NOT EXISTS (
                SELECT 1 FROM jsonb_array_elements(changes) e
                WHERE e->>'op' IS DISTINCT FROM 'insert' OR NOT EXISTS (SELECT 1 FROM hub_table WHERE name = e->>'t')
                   OR jsonb_typeof(e->'row') IS DISTINCT FROM 'object' OR e->>'clock' !~ '^[0-9]{1,18}$'
                   OR coalesce(e->>'id', '') = '') THEN
                WITH written AS (
                    INSERT INTO hub_record (tbl, id, case_id, data, clocks, clock, device_id, login)
                    SELECT e->>'t', e->>'id', CASE WHEN e->>'t' = 'case_file' THEN e->>'id' ELSE e->>'case' END, e->'row',
                           CASE WHEN k.history THEN '{}' ELSE hub_clocks(e->'row', (e->>'clock')::bigint, device) END,
                           (e->>'clock')::bigint, device, session_user
                    FROM jsonb_array_elements(changes) e JOIN hub_table k ON k.name = e->>'t'
                    ON CONFLICT (tbl, id) DO NOTHING
                    RETURNING 1)
                SELECT count(*) INTO applied FROM written;
                UPDATE hub_device SET last_seen_at = now() WHERE id = device;
                RETURN jsonb_build_object('applied', applied, 'unchanged', jsonb_array_length(changes) - applied,
                                          'conflicts', 0, 'refused', '[]'::jsonb);
            END IF;
            -- Most of a push is new entries in the histories of the sender's
            -- own cases (contacts, audit): checked and written together, in
            -- one statement. Which they are is settled first, so nothing the
            -- loop below does can move a change from one part to the other.
            SELECT coalesce(array_agg(n), '{}') INTO plain
            FROM jsonb_array_elements(changes) WITH ORDINALITY AS e(c, n)
            WHERE hub_plain_entry(c, caller.id, me)
              AND (supervisor OR EXISTS (SELECT 1 FROM hub_access a
                                         WHERE a.case_id = c->>'case' AND a.worker_id = me
                                           AND (a.until IS NULL OR a.until > now())));
            WITH written AS (
                INSERT INTO hub_record (tbl, id, case_id, data, clocks, clock, device_id, login)
                SELECT c->>'t', c->>'id', c->>'case', c->'row', '{}', (c->>'clock')::bigint, device, session_user
                FROM jsonb_array_elements(changes) WITH ORDINALITY AS e(c, n)
                WHERE n = ANY (plain)
                ON CONFLICT (tbl, id) DO NOTHING
                RETURNING 1)
            SELECT count(*) INTO applied FROM written;
            -- An entry already on the hub was sent before, its reply lost.
            unchanged := cardinality(plain) - applied;
            FOR change IN SELECT c FROM jsonb_array_elements(changes) WITH ORDINALITY AS e(c, n)
                          WHERE NOT (n = ANY (plain)) ORDER BY n LOOP
                outcome := NULL;
                found_conflicts := 0;
                BEGIN
                    SELECT o.outcome, o.conflicts INTO outcome, found_conflicts
                    FROM hub_push_one(caller, me, supervisor, change, made) AS o;
                EXCEPTION
                -- A clash with another laptop's push at this moment is not a
                -- refusal: the whole push fails, and is sent again.
                WHEN deadlock_detected OR serialization_failure OR lock_not_available THEN
                    RAISE;
                WHEN OTHERS THEN
                    GET STACKED DIAGNOSTICS reason = MESSAGE_TEXT;
                    outcome := NULL;
                    found_conflicts := 0;
                    refused := refused || jsonb_build_array(jsonb_build_object(
                        't', change->>'t', 'id', change->>'id', 'reason', reason));
                END;
                IF outcome = 'applied' THEN
                    applied := applied + 1;
                    IF change->>'t' = 'case_file' THEN
                        made := made || (change->>'id');
                    END IF;
                ELSIF outcome = 'unchanged' THEN
                    unchanged := unchanged + 1;
                END IF;
                conflicts := conflicts + found_conflicts;
                -- A seed brings its own supervisor's worker record with it.
                IF me IS NULL THEN
                    me := hub_me();
                END IF;
            END LOOP;
            UPDATE hub_device SET last_seen_at = now() WHERE id = device;
            RETURN jsonb_build_object('applied', applied, 'unchanged', unchanged, 'conflicts', conflicts, 'refused', refused);
        END
        $$
        """,
        // An entry the set-based part of `hub_push` may take (if it is on a
        // case the sender may write to): a new entry in a history no rule of
        // the team's looks at, agreeing with itself and made by its sender on
        // this laptop. Anything else goes through `hub_push_one`, which says
        // why. It sets no search path and reads no table, so that PostgreSQL
        // inlines it into `hub_push` (which sets one) rather than call it
        // once per entry.
        """
        CREATE FUNCTION hub_plain_entry(c jsonb, device text, me text) RETURNS boolean
        LANGUAGE sql STABLE AS $$
            SELECT coalesce(
                jsonb_typeof(c) = 'object'
                AND c->>'t' IN ('contact', 'consent', 'safeguarding', 'handover_note', 'field_change', 'audit_event')
                AND coalesce(c->>'op', 'insert') = 'insert'
                AND coalesce(c->'base', '{}'::jsonb) = '{}'::jsonb
                AND jsonb_typeof(c->'row') = 'object'
                AND jsonb_typeof(c->'clock') = 'number' AND c->>'clock' ~ '^[0-9]{1,18}$'
                AND c->>'id' <> '' AND c->>'case' IS NOT NULL AND me IS NOT NULL
                AND (NOT c->'row' ? 'id' OR c->'row'->>'id' = c->>'id')
                AND coalesce(c->'row'->>'case_id', c->>'case') = c->>'case'
                AND (NOT c->'row' ? 'device_id' OR c->'row'->>'device_id' = device)
                AND (NOT c->'row' ? (CASE WHEN c->>'t' = 'audit_event' THEN 'worker_id' ELSE 'created_by' END)
                     OR c->'row'->>(CASE WHEN c->>'t' = 'audit_event' THEN 'worker_id' ELSE 'created_by' END) = me),
                false)
        $$
        """,
        """
        CREATE FUNCTION hub_push_one(caller hub_device, me text, supervisor boolean, change jsonb, made text[],
                                     OUT outcome text, OUT conflicts int)
        LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
        DECLARE
            t text := change->>'t';
            rid text := change->>'id';
            op text := coalesce(change->>'op', 'insert');
            rcase text := change->>'case';
            body jsonb := coalesce(change->'row', '{}');
            base jsonb := coalesce(change->'base', '{}');
            clk bigint;
            kind hub_table;
            existing hub_record;
            reason text;
        BEGIN
            IF jsonb_typeof(change) IS DISTINCT FROM 'object' OR t IS NULL OR coalesce(rid, '') = '' THEN
                RAISE EXCEPTION 'it is not a change the hub understands: it names no table or no id';
            END IF;
            SELECT * INTO kind FROM hub_table WHERE name = t;
            IF NOT FOUND THEN
                RAISE EXCEPTION '% is not a table the hub keeps', t;
            END IF;
            IF op NOT IN ('insert', 'update', 'delete') THEN
                RAISE EXCEPTION '"%" is not a change the hub understands; it takes insert, update or delete', op;
            END IF;
            IF jsonb_typeof(body) <> 'object' OR jsonb_typeof(base) <> 'object' THEN
                RAISE EXCEPTION 'its row is not a set of fields';
            END IF;
            IF jsonb_typeof(change->'clock') IS DISTINCT FROM 'number' OR change->>'clock' !~ '^[0-9]{1,18}$' THEN
                RAISE EXCEPTION 'its clock is missing or not a whole number';
            END IF;
            clk := (change->>'clock')::bigint;
            IF op = 'delete' AND t <> 'case_issue' THEN
                RAISE EXCEPTION '% records are never deleted on the hub', t;
            END IF;
            IF op = 'update' AND kind.history THEN
                RAISE EXCEPTION '% is a history: its entries are never changed', t;
            END IF;
            IF t = 'case_file' THEN
                IF rcase IS DISTINCT FROM rid AND rcase IS NOT NULL THEN
                    RAISE EXCEPTION 'a case file is sent as its own case';
                END IF;
                rcase := rid;
            END IF;
            SELECT * INTO existing FROM hub_record WHERE tbl = t AND id = rid FOR UPDATE;
            IF existing.id IS NULL AND op = 'update' THEN
                -- Made and changed here before it ever reached the hub: its row is all of it.
                op := 'insert';
            END IF;
            IF existing.id IS NOT NULL AND kind.history AND op = 'insert' AND t <> 'case_issue' THEN
                -- Sent again after a lost reply: it is here already.
                outcome := 'unchanged';
                conflicts := 0;
                RETURN;
            END IF;
            reason := coalesce(
                hub_check_change(caller, me, supervisor, t, op, rid, rcase, body, base, existing, made),
                CASE WHEN NOT supervisor THEN hub_check_supervision(me, t, rcase, body, existing) END,
                -- A seed is the team's history as the app already allowed it,
                -- sent table by table, not in the order it happened.
                CASE WHEN NOT caller.seeding THEN hub_check_rules(t, rid, rcase, body, existing) END);
            IF reason IS NOT NULL THEN
                RAISE EXCEPTION '%', reason;
            END IF;
            SELECT a.outcome, a.conflicts INTO outcome, conflicts
            FROM hub_apply_change(t, kind.history, op, rid, rcase, body, base, change->'groups', clk, caller.id, me, existing) AS a;
        END
        $$
        """,
    ]
}
