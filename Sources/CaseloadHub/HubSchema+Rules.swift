/// The rules the app keeps, kept again by the hub, since a laptop's store
/// is only as honest as the laptop: what only a supervisor may do, and the
/// team's rules about referrals and handovers.
extension HubSchema {
    static let rules: [String] = [
        // As ReferralStatus.next in CaseloadCore.
        """
        CREATE FUNCTION hub_referral_next(status text) RETURNS text[]
        LANGUAGE sql IMMUTABLE SET search_path = public, pg_temp AS $$
            SELECT CASE status
                WHEN 'flagged' THEN ARRAY['sent', 'closed']
                WHEN 'sent' THEN ARRAY['acknowledged', 'accepted', 'declined', 'closed']
                WHEN 'acknowledged' THEN ARRAY['accepted', 'declined', 'closed']
                WHEN 'accepted' THEN ARRAY['closed']
                WHEN 'declined' THEN ARRAY['closed']
                ELSE ARRAY[]::text[]
            END
        $$
        """,
        """
        CREATE FUNCTION hub_check_supervision(me text, t text, rcase text, body jsonb, existing hub_record) RETURNS text
        LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
        DECLARE
            fresh boolean := existing.id IS NULL;
            held text;
        BEGIN
            IF t = 'worker' THEN
                RETURN 'only a supervisor can add or change a worker';
            END IF;
            IF t = 'safeguarding_review' AND fresh THEN
                RETURN 'only a supervisor can review a safeguarding entry';
            END IF;
            IF t = 'referral' AND body->>'override_by' IS NOT NULL
               AND (fresh OR existing.data->'override_by' IS DISTINCT FROM body->'override_by') THEN
                RETURN 'only a supervisor can send a referral without the family''s consent';
            END IF;
            IF t = 'handover' AND body->>'signed_off_by' IS NOT NULL
               AND (fresh OR existing.data->'signed_off_by' IS DISTINCT FROM body->'signed_off_by') THEN
                RETURN 'only a supervisor can sign off a handover';
            END IF;
            IF t <> 'assignment' OR NOT fresh THEN
                RETURN NULL;
            END IF;
            CASE body->>'kind'
            WHEN 'reassignment' THEN
                RETURN 'only a supervisor can reassign a case';
            WHEN 'unallocation' THEN
                RETURN 'only a supervisor can take a case off its worker';
            WHEN 'allocation' THEN
                IF body->>'worker_id' IS DISTINCT FROM me THEN
                    RETURN 'only a supervisor can allocate a case to someone else';
                END IF;
                -- Taking back a case let go of (while its 30 days last) is a reassignment.
                SELECT holder INTO held FROM hub_case WHERE case_id = rcase;
                IF held IS DISTINCT FROM me AND held IS NOT NULL THEN
                    RETURN 'only a supervisor can allocate a case someone else holds';
                END IF;
            WHEN 'handover' THEN
                IF body->>'worker_id' IS DISTINCT FROM me THEN
                    RETURN 'a case is handed over only to the worker who accepts it';
                END IF;
                -- The store marks the handover accepted before it writes the
                -- assignment, and either may reach the hub first: the accepted
                -- handover it names, if no assignment has taken it up yet, still counts.
                IF NOT EXISTS (
                    SELECT 1 FROM hub_record h
                    WHERE h.tbl = 'handover' AND h.case_id = rcase AND h.data->>'to_worker_id' = me
                      AND ((h.data->>'status' = 'pending' AND (body->>'handover_id' IS NULL OR h.id = body->>'handover_id'))
                           OR (h.data->>'status' = 'accepted' AND h.id = body->>'handover_id'
                               AND NOT EXISTS (SELECT 1 FROM hub_record a
                                               WHERE a.tbl = 'assignment' AND a.case_id = rcase
                                                 AND a.data->>'handover_id' = h.id)))) THEN
                    RETURN 'no handover of this case to you is waiting';
                END IF;
            ELSE
                NULL;
            END CASE;
            RETURN NULL;
        END
        $$
        """,
        // One open referral and one pending handover per case, and a
        // referral moves only as ReferralStatus allows, sent only with consent.
        """
        CREATE FUNCTION hub_check_rules(t text, rid text, rcase text, body jsonb, existing hub_record) RETURNS text
        LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
        DECLARE
            fresh boolean := existing.id IS NULL;
            now_status text;
            allowed text[];
        BEGIN
            IF t = 'referral' AND fresh AND EXISTS (
                SELECT 1 FROM hub_referral
                WHERE case_id = rcase AND id <> rid AND status NOT IN ('closed', 'declined')) THEN
                RETURN 'the case already has an open referral; close it before flagging another';
            END IF;
            IF t = 'handover' AND body->>'status' = 'pending'
               AND (fresh OR existing.data->>'status' IS DISTINCT FROM 'pending')
               AND EXISTS (SELECT 1 FROM hub_record
                           WHERE tbl = 'handover' AND case_id = rcase AND id <> rid AND data->>'status' = 'pending') THEN
                RETURN 'the case already has a handover waiting to be accepted';
            END IF;
            IF t <> 'referral_status_change' OR NOT fresh THEN
                RETURN NULL;
            END IF;
            SELECT status INTO now_status FROM hub_referral WHERE id = body->>'referral_id';
            IF now_status IS NULL THEN
                RETURN 'the referral it moves is not on the hub';
            END IF;
            allowed := hub_referral_next(now_status);
            IF NOT coalesce(body->>'status' = ANY (allowed), false) THEN
                RETURN format('a %s referral cannot become %s; it can move to %s', now_status, coalesce(body->>'status', 'nothing'),
                              CASE WHEN cardinality(allowed) = 0 THEN 'nothing (it is closed)'
                                   ELSE array_to_string(allowed, ', ') END);
            END IF;
            IF body->>'status' = 'sent' AND NOT EXISTS (
                SELECT 1 FROM hub_record
                WHERE tbl = 'referral' AND id = body->>'referral_id'
                  AND (data->>'consent_id' IS NOT NULL OR data->>'override_by' IS NOT NULL)) THEN
                RETURN 'a referral is sent only once the family''s consent is recorded, or a supervisor overrides the need for it';
            END IF;
            RETURN NULL;
        END
        $$
        """,
    ]
}
