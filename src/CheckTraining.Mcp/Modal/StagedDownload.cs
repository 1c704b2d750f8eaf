namespace CheckTraining.Mcp.Modal;

/// <summary>A fresh, empty staging folder for one <c>modal volume get</c>; disposing deletes it and anything left in it.</summary>
public sealed class StagedDownload : IDisposable
{
    public const string Prefix = ".checktraining-partial-";

    private StagedDownload(string directory, string fileName)
    {
        Directory = directory;
        FilePath = Path.Combine(directory, fileName);
    }

    public string Directory { get; }

    /// <summary>Where <c>volume get</c> writes the file when given an existing folder.</summary>
    public string FilePath { get; }

    internal static StagedDownload Create(string parent, string fileName)
    {
        var directory = Path.Combine(parent, Prefix + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        return new StagedDownload(directory, fileName);
    }

    public long CurrentBytes => File.Exists(FilePath) ? new FileInfo(FilePath).Length : 0;

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // already gone
        }
    }
}
