/// How a change joins what the hub has. An edit carries what its fields
/// were before (its base): the hub takes it when it still has that, and
/// when another laptop changed the same field meanwhile, the later change
/// wins and the other is kept as a conflict for someone to look at.
extension HubSchema {
    static let merge: [String] = [
        """
        CREATE FUNCTION hub_apply_change(t text, history boolean, op text, rid text, rcase text, body jsonb, base jsonb,
                                         groups jsonb, clk bigint, device text, me text, existing hub_record,
                                         OUT outcome text, OUT conflicts int)
        LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
        DECLARE
            merged jsonb := existing.data;
            merged_clocks jsonb := existing.clocks;
            changed boolean := false;
            field text;
            value jsonb;
            units jsonb := '[]';
            unit jsonb;
            fields text[];
            covered text[] := '{}';
            mine jsonb;
            before jsonb;
            theirs jsonb;
            their_clock bigint;
            their_device text;
            c bigint;
            d text;
        BEGIN
            outcome := 'unchanged';
            conflicts := 0;
            IF existing.id IS NULL THEN
                IF op = 'delete' THEN
                    RETURN;
                END IF;
                INSERT INTO hub_record (tbl, id, case_id, data, clocks, clock, device_id, login)
                VALUES (t, rid, rcase, body, hub_clocks(body, clk, device), clk, device, session_user)
                ON CONFLICT (tbl, id) DO NOTHING;
                IF NOT FOUND THEN
                    RAISE EXCEPTION USING ERRCODE = 'serialization_failure',
                        MESSAGE = format('another laptop sent %s %s at the same moment; sync again', t, rid);
                END IF;
                outcome := 'applied';
                RETURN;
            END IF;
            IF t = 'case_issue' THEN
                -- An issue taken off and put back has the same id: the later of the two stands.
                IF existing.deleted <> (op = 'delete') AND hub_later(clk, device, existing.clock, existing.device_id) THEN
                    UPDATE hub_record SET deleted = (op = 'delete'),
                        data = CASE WHEN op = 'delete' THEN data ELSE body END,
                        clocks = CASE WHEN op = 'delete' THEN clocks ELSE hub_clocks(body, clk, device) END,
                        clock = clk, device_id = device, login = session_user
                    WHERE tbl = t AND id = rid;
                    outcome := 'applied';
                END IF;
                RETURN;
            END IF;
            IF history THEN
                RETURN;
            END IF;
            IF op = 'insert' THEN
                -- Sent again after its reply was lost, perhaps after later
                -- edits here or elsewhere: each field keeps its latest.
                FOR field, value IN SELECT j.key, j.value FROM jsonb_each(body) AS j LOOP
                    IF coalesce(merged->field, 'null') <> value
                       AND hub_later(clk, device, coalesce((merged_clocks->field->>0)::bigint, existing.clock),
                                     coalesce(merged_clocks->field->>1, existing.device_id)) THEN
                        merged := merged || jsonb_build_object(field, value);
                        merged_clocks := merged_clocks || jsonb_build_object(field, jsonb_build_array(clk, device));
                        changed := true;
                    END IF;
                END LOOP;
            ELSE
                -- Fields that mean something only together (a closure's
                -- date, reason and outcome) are compared and taken as one.
                FOR unit IN SELECT g FROM jsonb_array_elements(coalesce(groups, '[]')) AS g LOOP
                    fields := ARRAY(SELECT f FROM jsonb_array_elements_text(unit) AS f
                                    WHERE (body ? f OR base ? f) AND f <> ALL (covered));
                    IF base ?| fields THEN
                        units := units || jsonb_build_array(to_jsonb(fields));
                        covered := covered || fields;
                    END IF;
                END LOOP;
                FOR field IN SELECT jsonb_object_keys(base) LOOP
                    IF field <> ALL (covered) THEN
                        units := units || jsonb_build_array(jsonb_build_array(field));
                    END IF;
                END LOOP;
                FOR unit IN SELECT u FROM jsonb_array_elements(units) AS u LOOP
                    fields := ARRAY(SELECT jsonb_array_elements_text(unit));
                    SELECT jsonb_object_agg(f, coalesce(body->f, 'null')),
                           jsonb_object_agg(f, coalesce(CASE WHEN base ? f THEN base->f ELSE body->f END, 'null')),
                           jsonb_object_agg(f, coalesce(merged->f, 'null'))
                    INTO mine, before, theirs FROM unnest(fields) AS f;
                    CONTINUE WHEN theirs = mine;
                    IF theirs <> before THEN
                        -- Changed on the hub since this laptop last saw it: the later change wins.
                        their_clock := NULL;
                        FOREACH field IN ARRAY fields LOOP
                            c := coalesce((merged_clocks->field->>0)::bigint, existing.clock);
                            d := coalesce(merged_clocks->field->>1, existing.device_id);
                            IF hub_later(c, d, their_clock, their_device) THEN
                                their_clock := c;
                                their_device := d;
                            END IF;
                        END LOOP;
                        IF hub_later(clk, device, their_clock, their_device) THEN
                            conflicts := conflicts + hub_note_conflict(t, rid, rcase, fields, mine, theirs, clk, device,
                                their_clock, their_device, (SELECT w.id FROM hub_device dv JOIN hub_worker w ON w.login = dv.login
                                                            WHERE dv.id = their_device), clk, device);
                        ELSE
                            conflicts := conflicts + hub_note_conflict(t, rid, rcase, fields, theirs, mine, their_clock,
                                their_device, clk, device, me, clk, device);
                            CONTINUE;
                        END IF;
                    END IF;
                    merged := merged || mine;
                    FOREACH field IN ARRAY fields LOOP
                        merged_clocks := merged_clocks || jsonb_build_object(field, jsonb_build_array(clk, device));
                    END LOOP;
                    changed := true;
                END LOOP;
            END IF;
            IF changed THEN
                UPDATE hub_record SET data = merged, clocks = merged_clocks, clock = clk, device_id = device, login = session_user
                WHERE tbl = t AND id = rid;
                outcome := 'applied';
            END IF;
        END
        $$
        """,
        // A conflict is a record like any other, on the case it happened on,
        // so it reaches every laptop that may see that case. A change sent
        // again (its reply lost) finds its conflict there already.
        """
        CREATE FUNCTION hub_note_conflict(t text, rid text, rcase text, fields text[], kept jsonb, lost jsonb,
                                          kept_clock bigint, kept_device text, lost_clock bigint, lost_device text,
                                          lost_by text, clk bigint, device text) RETURNS int
        LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
        DECLARE
            cid text := gen_random_uuid()::text;
            names text := array_to_string(fields, ',');
            conflict jsonb;
        BEGIN
            -- A person is on no one case: theirs is a case they are on, one
            -- the worker whose change reached the hub may see where there is one.
            IF rcase IS NULL AND t = 'person' THEN
                SELECT pc.case_id INTO rcase FROM hub_person_case pc WHERE pc.person_id = rid
                ORDER BY (pc.case_id IN (SELECT hub_my_cases())) DESC, pc.case_id LIMIT 1;
            END IF;
            IF EXISTS (SELECT 1 FROM hub_record
                       WHERE tbl = 'sync_conflict' AND case_id IS NOT DISTINCT FROM rcase AND data->>'record_id' = rid
                         AND data->>'fields' = names AND data->>'lost_clock' = lost_clock::text
                         AND data->>'lost_device' = lost_device) THEN
                RETURN 0;
            END IF;
            conflict := jsonb_build_object(
                'id', cid, 'table_name', t, 'record_id', rid, 'case_id', rcase, 'fields', names,
                'kept', CASE WHEN cardinality(fields) = 1 THEN kept->fields[1] ELSE kept END::text,
                'lost', CASE WHEN cardinality(fields) = 1 THEN lost->fields[1] ELSE lost END::text,
                'kept_clock', kept_clock, 'lost_clock', lost_clock, 'kept_device', kept_device, 'lost_device', lost_device,
                'lost_by', lost_by, 'created_at', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS'),
                'resolved_at', NULL, 'resolved_by', NULL, 'resolution', NULL);
            INSERT INTO hub_record (tbl, id, case_id, data, clocks, clock, device_id, login)
            VALUES ('sync_conflict', cid, rcase, conflict, hub_clocks(conflict, clk, device), clk, device, session_user);
            RETURN 1;
        END
        $$
        """,
    ]
}
