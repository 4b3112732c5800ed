/** The reads table's columns in the order the ingest sinks bind them. */
export const READ_COLUMNS = [
  'id', 'camera_id', 'plate_id', 'plate_raw', 'region_raw', 'plate_check', 'confidence', 'captured_at', 'received_at', 'lat', 'lon', 'heading',
  'vehicle_make', 'vehicle_model', 'vehicle_color', 'vehicle_body', 'plate_image', 'vehicle_image', 'vendor_data', 'agency_id',
] as const;
