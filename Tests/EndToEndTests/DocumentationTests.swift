import Foundation
import Testing

/// The repository stands alone: every document its files cite is in it, every relative link and
/// anchor of its Markdown resolves, every `docs/model.md §n` names a section that exists, and
/// nothing points to material a user of the repository does not have.
@Suite struct DocumentationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The project's own text files (sources, tests, docs, configs, scripts), not results or builds.
    static let files: [(path: String, text: String)] = {
        let top = ["README.md", "Makefile", "dev", "Package.swift", ".ci/run", "results/README.md"]
        let folders = ["Sources", "Tests", "docs", "configs", "scripts", "benchmarks"]
        let endings = ["md", "swift", "yaml", "py", "sh", "c", "h", "modulemap"]
        var paths = top
        let fm = FileManager.default
        for folder in folders {
            guard let walker = fm.enumerator(atPath: root.appendingPathComponent(folder).path) else { continue }
            for case let relative as String in walker where endings.contains((relative as NSString).pathExtension) {
                paths.append(folder + "/" + relative)
            }
        }
        return paths.sorted().compactMap { path in
            (try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)).map { (path, $0) }
        }
    }()

    static func matches(_ pattern: String, in text: String) -> [[String]] {
        let regex = try! NSRegularExpression(pattern: pattern)
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { match in
            (0..<match.numberOfRanges).map { i in
                match.range(at: i).location == NSNotFound ? "" : ns.substring(with: match.range(at: i))
            }
        }
    }

    /// GitHub's heading anchors: lower case, letters, digits, `-` and `_` kept, spaces to `-`.
    static func anchors(ofMarkdown text: String) -> Set<String> {
        var result: Set<String> = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) where line.hasPrefix("#") {
            let title = line.drop(while: { $0 == "#" }).trimmingCharacters(in: .whitespaces)
            var slug = ""
            for ch in title.lowercased() {
                if ch.isLetter || ch.isNumber || ch == "-" || ch == "_" { slug.append(ch) } else if ch == " " { slug.append("-") }
            }
            result.insert(slug)
        }
        return result
    }

    @Test func theFilesAreFound() {
        #expect(Self.files.count > 100)
        #expect(Self.files.contains { $0.path == "docs/model.md" })
    }

    @Test func nothingRefersToMaterialOutsideTheRepository() {
        // Built from pieces so that this file does not match itself.
        let outside = ["\\b" + "SP" + "EC" + "\\b", "[Ii]" + "ssue [0-9]", "\\.\\./" + "shared", "shared " + "folder", "STY" + "LE[ .§]"]
        for file in Self.files {
            for pattern in outside {
                for hit in Self.matches(pattern, in: file.text) {
                    Issue.record("\(file.path) refers to \(hit[0]), which a user of the repository does not have")
                }
            }
        }
    }

    @Test func everyRelativeLinkAndAnchorResolves() {
        let markdown = Self.files.filter { $0.path.hasSuffix(".md") }
        #expect(markdown.count >= 10)
        for file in markdown {
            let folder = URL(fileURLWithPath: file.path).deletingLastPathComponent().relativePath
            for link in Self.matches(#"\]\(([^)\s]+)\)"#, in: file.text).map({ $0[1] }) {
                if link.hasPrefix("http://") || link.hasPrefix("https://") || link.hasPrefix("mailto:") { continue }
                let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let target = parts[0].isEmpty ? file.path
                    : URL(fileURLWithPath: folder == "." ? parts[0] : folder + "/" + parts[0]).standardized.relativePath
                let url = Self.root.appendingPathComponent(target)
                guard FileManager.default.fileExists(atPath: url.path) else {
                    Issue.record("\(file.path): link \(link) points to \(target), which does not exist")
                    continue
                }
                if parts.count == 2, target.hasSuffix(".md") {
                    let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
                    #expect(Self.anchors(ofMarkdown: text).contains(parts[1]), "\(file.path): anchor #\(parts[1]) not in \(target)")
                }
            }
        }
    }

    @Test func everyCitedDocumentExists() {
        var cited = 0
        for file in Self.files {
            for hit in Self.matches(#"(?<![\w/.])((?:docs|configs|scripts|benchmarks)/[\w./-]*\w\.(?:md|py|yaml|sh|c))"#, in: file.text) {
                cited += 1
                #expect(FileManager.default.fileExists(atPath: Self.root.appendingPathComponent(hit[1]).path),
                        "\(file.path) cites \(hit[1]), which does not exist")
            }
        }
        #expect(cited > 50)
    }

    @Test func everyModelSectionCitedExists() throws {
        let model = try #require(Self.files.first { $0.path == "docs/model.md" }).text
        // The rule: §1–§8 are the core and always present; §9–§12 are the listed extensions, each
        // present or not; headings appear once each, in increasing order.
        let numbers = Self.matches(#"(?m)^## §(\d+)"#, in: model).compactMap { Int($0[1]) }
        let core = Set(1...8), extensions = Set(9...12)
        #expect(numbers == numbers.sorted() && Set(numbers).count == numbers.count, "model.md sections out of order or repeated: \(numbers)")
        #expect(core.isSubset(of: Set(numbers)), "model.md lacks core sections \(core.subtracting(numbers).sorted())")
        #expect(Set(numbers).subtracting(core).isSubset(of: extensions), "model.md has unlisted sections \(Set(numbers).subtracting(core).subtracting(extensions).sorted())")
        let sections = Set(numbers.map(String.init))
        var cited = 0
        for file in Self.files {
            for hit in Self.matches(#"model(?:\.md)?\]?\(?[\w./#-]*\)? ?§(\d+)(?:[–-](\d+))?"#, in: file.text) {
                cited += 1
                for number in hit[1...] where !number.isEmpty {
                    #expect(sections.contains(number), "\(file.path) cites §\(number) of docs/model.md, which has no such section")
                }
            }
        }
        #expect(cited > 100)
    }
}
