import Foundation

/// What `-o` may name, checked before anything is read: a path that does not exist yet, or a
/// regular file that is none of the inputs. The output is renamed into place, so anything else
/// would be replaced by it: an input (`import x.json -o ./x.json`, or through a symlink or a hard
/// link: the same device and inode), a device such as `/dev/null`, a pipe, a directory.
/// Refused with one line and exit 64.
enum OutputPath {
    static func check(_ output: String, inputs: [String]) throws {
        var target = stat()
        // Nothing there (or a dangling symlink): a new file. A path that cannot be looked at
        // (a missing folder, no permission) is the write's to report, with exit 73.
        guard stat(output, &target) == 0 else { return }
        let kind = target.st_mode & S_IFMT
        guard kind == S_IFREG else {
            throw CommandFailure(.usage, message: "refusing to write \(StdoutText.line(output)): it is \(describe(kind)), "
                                 + "not a regular file (-o replaces the file it names)")
        }
        for input in inputs {
            var source = stat()
            guard stat(input, &source) == 0 else { continue }
            if source.st_dev == target.st_dev && source.st_ino == target.st_ino {
                let same = input == output ? "" : " (\(StdoutText.line(input)))"
                throw CommandFailure(.usage, message: "refusing to write \(StdoutText.line(output)): it is the input\(same); "
                                     + "name another output file")
            }
        }
    }

    private static func describe(_ kind: mode_t) -> String {
        switch kind {
        case S_IFDIR: "a directory"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFIFO: "a pipe"
        case S_IFSOCK: "a socket"
        default: "a special file"
        }
    }
}
