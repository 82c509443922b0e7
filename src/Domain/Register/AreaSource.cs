namespace Portal.Domain.Register;

/// <summary>Where a flat's exclusive area comes from, in the court's order of preference.</summary>
public enum AreaSource
{
    Registered = 0,
    Surveyed = 1,
    Contract = 2,
}
