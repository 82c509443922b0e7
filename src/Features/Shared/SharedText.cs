namespace Portal.Features.Shared;

/// <summary>Strings shared by the layout, forms and validation (SharedText.resx is zh-CN, SharedText.en.resx English).</summary>
public sealed class SharedText;
