using System.Reflection;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Mono.Cecil;
using Mono.Cecil.Cil;
using NetArchTest.Rules;

namespace Portal.Tests.Foundation;

/// <summary>
/// The layering rules, as functions of an assembly: the tests run them on the app, and on deliberate violations in this
/// test assembly (ArchitectureFixtures.cs) to prove each rule can fail.
/// </summary>
public static class ArchitectureRules
{
    /// <summary>Namespaces that must never use a page: the edges and the features.</summary>
    public static readonly string[] BelowPages =
        ["Portal.Features", "Portal.Payments", "Portal.Notifications", "Portal.Ops", "Portal.Jobs", "Portal.Web", "Portal.Files", "Portal.Data"];

    /// <summary>Types of the domain that depend on a framework or an outer layer.</summary>
    public static IReadOnlyList<string> DomainTypesWithOutsideDependencies(Assembly assembly) =>
        Types.InAssembly(assembly)
            .That().ResideInNamespace("Portal.Domain")
            .ShouldNot().HaveDependencyOnAny(
                "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "Stripe", "SendGrid", "Hangfire",
                "Portal.Data", "Portal.Pages", "Portal.Features", "Portal.Payments", "Portal.Notifications", "Portal.Jobs", "Portal.Ops",
                "Portal.Web", "Portal.Files")
            .GetResult().FailingTypeNames?.ToList() ?? [];

    /// <summary>Types of the edges and features that refer to anything in Portal.Pages.</summary>
    public static IReadOnlyList<string> TypesBelowPagesUsingPages(Assembly assembly)
    {
        var types = Types.InAssembly(assembly).That().ResideInNamespace(BelowPages[0]);
        foreach (var ns in BelowPages.Skip(1)) types = types.Or().ResideInNamespace(ns);
        return types.ShouldNot().HaveDependencyOn("Portal.Pages").GetResult().FailingTypeNames?.ToList() ?? [];
    }

    /// <summary>One call from page code that writes to the database.</summary>
    public sealed record DbWrite(string PageModel, string Method, string Call)
    {
        public override string ToString() => $"{PageModel}.{Method} calls {Call}";
    }

    private static readonly string[] ContextWrites = ["SaveChanges", "Add", "Remove", "Update", "Attach"];
    private static readonly string[] BulkWrites = ["ExecuteUpdate", "ExecuteDelete"];

    /// <summary>
    /// Every call that writes to the database from a PageModel subclass of <paramref name="assembly"/>, read from the IL
    /// of all its methods and of its nested types (async state machines, lambdas' closures, local functions):
    /// DbContext/DbSet Add*, Remove*, Update*, Attach*, SaveChanges*, and ExecuteUpdate*/ExecuteDelete*.
    /// </summary>
    public static IReadOnlyList<DbWrite> PageModelDatabaseWrites(Assembly assembly)
    {
        var pageModels = assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(PageModel))).Select(t => t.FullName!.Replace('+', '/')).ToHashSet();
        var resolver = new DefaultAssemblyResolver();
        foreach (var dir in new[] { assembly, typeof(object).Assembly, typeof(PageModel).Assembly, typeof(DbContext).Assembly }
                     .Select(a => Path.GetDirectoryName(a.Location)!).Distinct())
            resolver.AddSearchDirectory(dir);
        using var module = ModuleDefinition.ReadModule(assembly.Location, new ReaderParameters { AssemblyResolver = resolver });

        var writes = new List<DbWrite>();
        foreach (var type in module.Types.Where(t => pageModels.Contains(t.FullName)).Concat(
                     module.Types.SelectMany(Nested).Where(t => pageModels.Contains(t.FullName))).Distinct())
        foreach (var inner in new[] { type }.Concat(Nested(type)))
        foreach (var method in inner.Methods.Where(m => m.HasBody))
        foreach (var instruction in method.Body.Instructions)
        {
            if (instruction.OpCode.Code is not (Code.Call or Code.Callvirt or Code.Ldftn or Code.Ldvirtftn)) continue;
            if (instruction.Operand is MethodReference called && IsDatabaseWrite(called))
                writes.Add(new DbWrite(type.FullName.Replace('/', '+'), MethodName(inner, method), $"{called.DeclaringType.Name}.{called.Name}"));
        }
        return writes;
    }

    private static IEnumerable<TypeDefinition> Nested(TypeDefinition type) =>
        type.NestedTypes.SelectMany(n => new[] { n }.Concat(Nested(n)));

    /// <summary>The handler a compiler-generated method belongs to: "OnPostAsync" for &lt;OnPostAsync&gt;d__3.MoveNext.</summary>
    private static string MethodName(TypeDefinition inner, MethodDefinition method)
    {
        foreach (var name in new[] { inner.Name, method.Name })
            if (name.StartsWith('<') && name.IndexOf('>') is > 1 and var end)
                return name[1..end];
        return method.Name;
    }

    private static bool IsDatabaseWrite(MethodReference called)
    {
        var name = called.Name;
        if (BulkWrites.Any(name.StartsWith))
            return called.DeclaringType.Namespace.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal);
        return ContextWrites.Any(name.StartsWith) && IsContextOrSet(called.DeclaringType);
    }

    private static bool IsContextOrSet(TypeReference type)
    {
        for (var t = Resolve(type); t is not null; t = t.BaseType is { } b ? Resolve(b) : null)
            if (t.FullName is "Microsoft.EntityFrameworkCore.DbContext" or "Microsoft.EntityFrameworkCore.DbSet`1")
                return true;
        return false;
    }

    private static TypeDefinition? Resolve(TypeReference type)
    {
        try { return type.GetElementType().Resolve(); }
        catch (AssemblyResolutionException) { return null; }
    }
}
