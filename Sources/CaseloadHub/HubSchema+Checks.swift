/// What `hub_push` checks of each change before it applies it: that it is
/// what it says it is, and that the worker sending it may send it. Each
/// check returns the reason it refuses, in plain words, or NULL.
extension HubSchema {
    static let checks: [String] = [
        // A change names its table, id and case: the row must agree, and a
        // record the hub has stays on the case it is on, so no change can
        // reach a case its sender may not see by naming one they may.
        """
        CREATE FUNCTION hub_check_change(caller hub_device, me text, supervisor boolean, t text, op text, rid text,
                                         rcase text, body jsonb, base jsonb, existing hub_record, made text[]) RETURNS text
        LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
        DECLARE
            fresh boolean := existing.id IS NULL;
            author text := CASE WHEN t = 'audit_event' THEN 'worker_id' ELSE 'created_by' END;
            parent_case text;
        BEGIN
            -- A seed carries the whole team's history, made on every laptop.
            IF op = 'insert' AND NOT caller.seeding THEN
                IF body ? 'device_id' AND body->>'device_id' IS DISTINCT FROM caller.id THEN
                    RETURN 'it was made on another laptop, not this one';
                END IF;
                IF body ? author AND body->>author IS DISTINCT FROM me THEN
                    RETURN 'it names another worker as the one who made it';
                END IF;
            END IF;
            IF t = 'case_issue' THEN
                IF op = 'insert' AND rid IS DISTINCT FROM (body->>'case_id') || '|' || (body->>'issue') THEN
                    RETURN 'its id is not its case and issue';
                END IF;
            ELSIF body ? 'id' AND body->>'id' IS DISTINCT FROM rid THEN
                RETURN 'the id in its row is not the id it was sent as';
            END IF;
            IF body->>'case_id' IS NOT NULL AND body->>'case_id' IS DISTINCT FROM rcase THEN
                RETURN 'it was sent for another case than its own';
            END IF;
            IF NOT fresh AND t <> 'person' AND existing.case_id IS DISTINCT FROM rcase THEN
                RETURN 'the hub has it on another case';
            END IF;
            IF base ? 'case_id' OR base ? 'id' THEN
                RETURN 'a record never moves to another case';
            END IF;
            IF t = 'referral_status_change' THEN
                SELECT case_id INTO parent_case FROM hub_referral WHERE id = body->>'referral_id';
            ELSIF t = 'safeguarding_review' THEN
                SELECT case_id INTO parent_case FROM hub_record WHERE tbl = 'safeguarding' AND id = body->>'safeguarding_id';
            END IF;
            IF parent_case IS DISTINCT FROM rcase AND parent_case IS NOT NULL THEN
                RETURN 'it was sent for another case than the one it belongs to';
            END IF;
            -- A case just made (here, or earlier in this push) is the
            -- maker's until its allocation says so.
            IF rcase IS NOT NULL AND NOT supervisor AND NOT (rcase = ANY (made))
               AND NOT (t = 'case_file' AND fresh)
               AND NOT EXISTS (SELECT 1 FROM hub_access
                               WHERE case_id = rcase AND worker_id = me AND (until IS NULL OR until > now())) THEN
                RETURN 'you do not hold this case, so the hub cannot take changes to it';
            END IF;
            -- A person is on no case of their own: they are changed by those
            -- who may see a case they are on, or by whoever just added them.
            IF t = 'person' AND NOT fresh AND NOT supervisor
               AND NOT EXISTS (SELECT 1 FROM hub_person_case pc JOIN hub_access a ON a.case_id = pc.case_id
                               WHERE pc.person_id = rid AND a.worker_id = me AND (a.until IS NULL OR a.until > now()))
               AND NOT (existing.login = session_user AND NOT EXISTS (SELECT 1 FROM hub_person_case WHERE person_id = rid)) THEN
                RETURN 'the person is on no case you hold, so the hub cannot take changes to them';
            END IF;
            RETURN NULL;
        END
        $$
        """,
    ]
}
