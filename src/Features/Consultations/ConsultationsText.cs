namespace Portal.Features.Consultations;

/// <summary>Marker for the consultations feature's texts (ConsultationsText.resx, .en.resx).</summary>
public sealed class ConsultationsText;
