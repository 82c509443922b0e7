namespace Portal.Features.Projects;

/// <summary>Strings of the renovation project pages (plan items, progress, problem reports, satisfaction, acceptance).</summary>
public sealed class ProjectsText;
