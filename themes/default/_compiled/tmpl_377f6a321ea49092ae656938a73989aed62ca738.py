from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'robots.txt'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_sitemap = resolve('sitemap')
    pass
    yield 'User-agent: *\nAllow: /\n'
    if (undefined(name='sitemap') if l_0_sitemap is missing else l_0_sitemap):
        pass
        yield 'Sitemap: '
        yield str((undefined(name='sitemap') if l_0_sitemap is missing else l_0_sitemap))
        yield '\n'

blocks = {}
debug_info = '3=13&4=16'