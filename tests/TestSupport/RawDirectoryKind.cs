namespace SeedSearch.TestSupport;

/// <summary>The Lucene directory the raw baseline searches through.</summary>
public enum RawDirectoryKind
{
    /// <summary>NIOFSDirectory: positional reads through a file channel.</summary>
    Nio,

    /// <summary>MMapDirectory: memory-mapped files, what FSDirectory.Open picks on 64-bit Linux.</summary>
    Mmap,
}
