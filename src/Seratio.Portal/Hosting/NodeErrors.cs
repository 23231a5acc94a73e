using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;

namespace Seratio.Portal.Hosting;

/// <summary>
/// What a page shows when the node refuses or does not answer: NotFound from the node is a 404 page naming what was
/// asked for; InvalidArgument is a 400 with the node's message; an unreachable or failing node is a 502 naming the
/// node's URL. The node's message is shown as it is. Stateless.
/// </summary>
internal sealed class NodeErrors : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is RpcException rpc && !executed.ExceptionHandled)
        {
            executed.ExceptionHandled = true;
            var (status, title) = Describe(rpc);
            executed.Result = new ViewResult
            {
                ViewName = "NodeError",
                StatusCode = status,
                ViewData = new Microsoft.AspNetCore.Mvc.ViewFeatures.ViewDataDictionary(
                    new Microsoft.AspNetCore.Mvc.ModelBinding.EmptyModelMetadataProvider(), context.ModelState)
                {
                    ["Title"] = title,
                    ["Detail"] = rpc.Status.Detail,
                    ["Code"] = rpc.StatusCode.ToString(),
                },
            };
        }
    }

    /// <summary>The HTTP status and headline for a node's refusal.</summary>
    public static (int Status, string Title) Describe(RpcException rpc) => rpc.StatusCode switch
    {
        StatusCode.NotFound => (StatusCodes.Status404NotFound, "Not found on this chain"),
        StatusCode.InvalidArgument or StatusCode.OutOfRange or StatusCode.FailedPrecondition => (StatusCodes.Status400BadRequest, "The node refused the request"),
        StatusCode.PermissionDenied => (StatusCodes.Status403Forbidden, "The node refused the request"),
        StatusCode.ResourceExhausted => (StatusCodes.Status429TooManyRequests, "The node is busy"),
        _ => (StatusCodes.Status502BadGateway, "The node does not answer"),
    };
}
