using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Features.Shared;

namespace Portal.Web;

/// <summary>
/// Validation messages come from the resources, in the reader's language, and name fields as the page does:
/// a property without [Display] is named by <c>Field_&lt;Property&gt;</c> in its page's feature text, then in SharedText;
/// the implicit "required" of a non-nullable property says <c>Validation_Required</c>; model binding's own messages
/// ("The value '' is invalid.") come from SharedText too.
/// </summary>
public sealed class LocalizedValidation(IStringLocalizerFactory localizers) : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options)
    {
        options.ModelMetadataDetailsProviders.Add(new FieldNames(localizers));
        options.ModelValidatorProviders.Add(new ImplicitRequiredMessage());
        var shared = localizers.Create(typeof(SharedText));
        var m = options.ModelBindingMessageProvider;
        m.SetValueMustNotBeNullAccessor(name => shared["Validation_Required", name]);
        m.SetMissingBindRequiredValueAccessor(name => shared["Validation_Required", name]);
        m.SetMissingKeyOrValueAccessor(() => shared["Validation_InvalidValue"]);
        m.SetMissingRequestBodyRequiredValueAccessor(() => shared["Validation_InvalidValue"]);
        m.SetAttemptedValueIsInvalidAccessor((_, name) => shared["Validation_Invalid", name]);
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => shared["Validation_InvalidValue"]);
        m.SetUnknownValueIsInvalidAccessor(name => shared["Validation_Invalid", name]);
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => shared["Validation_InvalidValue"]);
        m.SetValueIsInvalidAccessor(_ => shared["Validation_InvalidValue"]);
        m.SetValueMustBeANumberAccessor(name => shared["Validation_Number", name]);
        m.SetNonPropertyValueMustBeANumberAccessor(() => shared["Validation_InvalidValue"]);
    }

    private sealed class FieldNames(IStringLocalizerFactory localizers) : IDisplayMetadataProvider
    {
        public void CreateDisplayMetadata(DisplayMetadataProviderContext context)
        {
            if (context.Key.MetadataKind != ModelMetadataKind.Property || context.Key.ContainerType is not { } container) return;
            if (context.Attributes.OfType<DisplayAttribute>().Any(d => d.Name is not null) || context.Attributes.OfType<DisplayNameAttribute>().Any())
                return;
            var property = context.Key.Name!;
            var feature = localizers.Create(DomainErrorPageFilter.TextOf(container));
            var shared = localizers.Create(typeof(SharedText));
            context.DisplayMetadata.DisplayName = () =>
            {
                var own = feature["Field_" + property];
                if (!own.ResourceNotFound) return own.Value;
                var common = shared["Field_" + property];
                return common.ResourceNotFound ? property : common.Value;
            };
        }
    }

    /// <summary>The "required" MVC adds by itself for a non-nullable property has no message key; give it ours.</summary>
    private sealed class ImplicitRequiredMessage : IModelValidatorProvider
    {
        public void CreateValidators(ModelValidatorProviderContext context)
        {
            foreach (var item in context.Results)
                if (item.ValidatorMetadata is RequiredAttribute { ErrorMessage: null, ErrorMessageResourceName: null } required)
                    required.ErrorMessage = "Validation_Required";
        }
    }
}
