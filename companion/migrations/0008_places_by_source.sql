-- Which files the places came from is asked on every redraw of Groups ("© OpenStreetMap
-- contributors" must show while their places do): found through an index, not a scan.
CREATE INDEX places_by_source ON places(source_id) WHERE deleted_at IS NULL;
