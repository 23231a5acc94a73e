using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;

namespace Seratio.Node.Api;

/// <summary>
/// Binds a gRPC service so that a request whose bytes are not its method's request message gets
/// InvalidArgument ("request is not a valid seratio.v1.GetStatusRequest message"), counted by
/// <see cref="UndecodableRequestLog"/>. ASP.NET Core gRPC decodes a request before any interceptor sees
/// the call and answers a decode failure with Unknown ("Exception was thrown by handler") and an
/// Error-level stack trace; the request marshaller is the one place that sees the failure, so each
/// method gets a copy of its own with the decoding wrapped. The service and the log are asked for at the
/// first call, not at binding, so building the host resolves nothing. Stateless; the definition it builds
/// is immutable and thread safe.
/// </summary>
public static class StrictRequests
{
    /// <summary>
    /// The service that <paramref name="bindService"/> binds (a generated <c>BindService(binder, impl)</c>,
    /// called with no implementation), each call going to <paramref name="service"/>, with strict request decoding.
    /// </summary>
    public static ServerServiceDefinition Bind<TService>(Action<ServiceBinderBase, TService?> bindService, Func<TService> service, Func<UndecodableRequestLog> log)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(bindService);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(log);
        var binder = new Binder<TService>(service, log);
        bindService(binder, null);
        return binder.Build();
    }

    /// <summary>The status detail of an undecodable request of type <typeparamref name="TRequest"/>.</summary>
    public static string Detail<TRequest>() =>
        $"request is not a valid {MessageName(typeof(TRequest))} message; encode the method's request type of proto/seratio/v1";

    private static string MessageName(Type type) =>
        (type.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as MessageDescriptor)?.FullName ?? type.Name;

    private sealed class Binder<TService>(Func<TService> service, Func<UndecodableRequestLog> log) : ServiceBinderBase
        where TService : class
    {
        private readonly ServerServiceDefinition.Builder _builder = ServerServiceDefinition.CreateBuilder();

        public ServerServiceDefinition Build() => _builder.Build();

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        {
            var call = Open<Func<TService, TRequest, ServerCallContext, Task<TResponse>>>(method);
            _builder.AddMethod(Strict(method), (request, context) => call(service(), request, context));
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var call = Open<Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task>>(method);
            _builder.AddMethod(Strict(method), (request, responses, context) => call(service(), request, responses, context));
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var call = Open<Func<TService, IAsyncStreamReader<TRequest>, ServerCallContext, Task<TResponse>>>(method);
            _builder.AddMethod(Strict(method), (requests, context) => call(service(), requests, context));
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var call = Open<Func<TService, IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task>>(method);
            _builder.AddMethod(Strict(method), (requests, responses, context) => call(service(), requests, responses, context));
        }

        /// <summary>The service's own method of that name as an open-instance delegate (virtual calls dispatch to the override).</summary>
        private static TDelegate Open<TDelegate>(IMethod method) where TDelegate : Delegate =>
            (typeof(TService).GetMethod(method.Name, BindingFlags.Public | BindingFlags.Instance)
                ?? throw new InvalidOperationException($"{typeof(TService).Name} has no method {method.Name} for {method.FullName}"))
            .CreateDelegate<TDelegate>();

        private Method<TRequest, TResponse> Strict<TRequest, TResponse>(Method<TRequest, TResponse> method)
            where TRequest : class where TResponse : class
        {
            var decode = method.RequestMarshaller.ContextualDeserializer;
            var detail = Detail<TRequest>();
            var fullName = method.FullName;
            var marshaller = new Marshaller<TRequest>(method.RequestMarshaller.ContextualSerializer, context =>
            {
                try
                {
                    return decode(context);
                }
                catch (InvalidProtocolBufferException)
                {
                    log().Record(fullName);
                    throw new RpcException(new Status(StatusCode.InvalidArgument, detail));
                }
            });
            return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, marshaller, method.ResponseMarshaller);
        }
    }
}
