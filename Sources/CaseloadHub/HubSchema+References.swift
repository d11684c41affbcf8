/// Case references (C-2026-00042) are made on laptops that may be offline:
/// each leases a block of numbers from the hub, so no two laptops make the
/// same reference.
extension HubSchema {
    static let references: [String] = [
        // A block starts after the greatest number any case on the hub
        // already has that year (kept by `hub_record_derive`), so a seed's
        // references are never handed out again.
        """
        CREATE FUNCTION hub_lease_references(device text, year int, count int) RETURNS jsonb
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
        #variable_conflict use_column
        DECLARE
            holder text := $1;
            wanted int := $2;
            how_many int := $3;
            first_free int;
        BEGIN
            PERFORM hub_caller(holder);
            IF wanted IS NULL OR wanted NOT BETWEEN 2000 AND 9999 THEN
                RAISE EXCEPTION '% is not a year a case reference can carry', coalesce(wanted::text, 'no year');
            END IF;
            IF how_many IS NULL OR how_many NOT BETWEEN 1 AND 10000 THEN
                RAISE EXCEPTION 'a laptop leases between 1 and 10000 case references at a time';
            END IF;
            INSERT INTO hub_reference_next (year, next) VALUES (wanted, 1) ON CONFLICT (year) DO NOTHING;
            SELECT next INTO first_free FROM hub_reference_next WHERE year = wanted FOR UPDATE;
            UPDATE hub_reference_next SET next = first_free + how_many WHERE year = wanted;
            INSERT INTO hub_reference_lease (device_id, year, first, last)
            VALUES (holder, wanted, first_free, first_free + how_many - 1);
            UPDATE hub_device SET last_seen_at = now() WHERE id = holder;
            RETURN jsonb_build_object('first', first_free, 'last', first_free + how_many - 1);
        END
        $$
        """,
    ]
}
