from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '404.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('base.html', '404.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    yield from parent_template.root_render_func(context)

def block_title(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_t = resolve('t')
    l_0_config = resolve('config')
    pass
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'not_found_title'))
    yield ' · '
    yield escape(environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'site_title'))

def block_body_class(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    yield 'tg-page tg-404'

def block_content(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_t = resolve('t')
    l_0_url = resolve('url')
    pass
    yield '<h1 class="tg-heading">'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'not_found_title'))
    yield '</h1>\n<p>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'not_found_text'))
    yield '</p>\n<p><a href="'
    yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), '', _block_vars=_block_vars))
    yield '">'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'back_home'))
    yield '</a></p>\n'

blocks = {'title': block_title, 'body_class': block_body_class, 'content': block_content}
debug_info = '1=12&2=17&3=31&4=41&5=52&6=54&7=56'