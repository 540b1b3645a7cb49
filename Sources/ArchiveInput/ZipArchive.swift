import Foundation
import ZIPFoundation

/// ZIP archives in memory, through ZIPFoundation (no shell-out to unzip).
public enum ZipArchive {
    public struct Damaged: Error, CustomStringConvertible {
        public var description: String
    }

    /// Every file entry's path and bytes, in the archive's order.
    public static func entries(_ bytes: [UInt8]) throws -> [(name: String, bytes: [UInt8])] {
        let archive: Archive
        do { archive = try Archive(data: Data(bytes), accessMode: .read) } catch {
            throw Damaged(description: "cannot read the archive's directory")
        }
        var result: [(name: String, bytes: [UInt8])] = []
        for entry in archive where entry.type == .file {
            var data = Data()
            do { _ = try archive.extract(entry) { data.append($0) } } catch {
                throw Damaged(description: "entry \(entry.path) cannot be extracted: \(error)")
            }
            result.append((entry.path, [UInt8](data)))
        }
        return result
    }

    /// An archive of these files, deflated (for tests and benchmark fixtures).
    public static func make(_ files: [(name: String, bytes: [UInt8])]) throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        for file in files {
            let data = Data(file.bytes)
            try archive.addEntry(with: file.name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return [UInt8](archive.data ?? Data())
    }
}
