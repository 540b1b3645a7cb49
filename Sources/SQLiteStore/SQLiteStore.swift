import DatasetFormats
import TimelineKit

// The SQLite event store: see StoreSchema.swift for the file format.
@_exported import TimelineKit
