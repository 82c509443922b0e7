namespace Portal.Files;

/// <summary>Messages about uploads (FilesText.resx zh-CN, FilesText.en.resx English). Keys: Upload_{code}, {0} = file name.</summary>
public sealed class FilesText;
